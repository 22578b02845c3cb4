"""The extraction stages, one module each; ``sitrep.core`` runs them in order."""
