"""Generate surnames: a character-level language model conditioned on a language (one-to-many).

The model of PyTorch's "generating names with a character-level RNN" tutorial, on the surnames the Names page
classifies (``rnn_core.names``): it reads the language and the previous letter, and gives the next letter's
distribution, or the end of the name. ``config`` holds its settings, ``model`` the network and the encoding,
``train`` the seeded training, ``sample`` the letter-by-letter sampling and how new a name is.
"""
