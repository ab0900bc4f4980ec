"""Rebuild the learner's search index from the live guidelines, lessons and provisions."""

from django.core.management.base import BaseCommand

from search.indexing import search_reindex


class Command(BaseCommand):
    help = "Bygger søgeindekset forfra ud fra de udgivne administrationsgrundlag, lektioner og lovbestemmelser."

    def handle(self, *args, **options):
        count = search_reindex()
        self.stdout.write(f"Søgeindeks bygget: {count} indgange.")
