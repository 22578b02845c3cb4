"""Accuracy evaluation on labelled data (``sitrep eval``) and the CI gate with committed floors."""
