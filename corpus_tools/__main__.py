"""``python -m infembed.corpus_tools build|stats|serve-local ...`` — the same commands as ``infembed corpus``."""


def main() -> None:
    import logging

    from infembed.cli.corpus import corpus_app

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    corpus_app(prog_name="python -m infembed.corpus_tools")


if __name__ == "__main__":
    main()
