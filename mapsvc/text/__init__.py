"""Stage 1, text: report files and their metadata, sentences, numbers, names, dates."""
