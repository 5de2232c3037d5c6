"""Translate dates: human-written dates in English and Chinese to ISO 8601, by an RNN encoder and an RNN decoder,
with or without attention (encoder–decoder, many-to-many of different lengths).

``data`` writes the dates (seeded, in code: nothing is downloaded), ``model`` holds the encoder, the decoder and
Luong's attention, ``train`` the seeded training and the accuracy by input length.
"""
