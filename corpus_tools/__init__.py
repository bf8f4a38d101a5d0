"""InF-IR corpus construction with an LLM (``infembed corpus``); see README.md here.

Never imported by the training or search code. Modules: ``client`` (the one OpenAI factory and the
retry loop), ``pipeline`` (stages, resume, dry run), ``cache`` (sqlite responses + usage),
``ledger`` (prices), ``batch`` (Batch API files), ``jsonl_log`` (append-only files),
``stats``, ``server`` (a local OpenAI-compatible server for a small model).

The commands are defined once, in ``infembed.cli.corpus``: run them as ``infembed corpus ...`` or,
without the console script, ``python -m infembed.cli corpus ...``. This package has no
``__main__``: one here could only call that CLI, and the library would then depend on its own
command line (the dependency runs one way, CLI → library).
"""

if __name__ == "corpus_tools":  # this folder, found through a checkout's root: see infembed/_checkout.py
    from infembed._checkout import hand_over_top_level_name

    hand_over_top_level_name(__name__, __file__)
