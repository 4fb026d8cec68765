"""The wrap a reader's copy from a PDF viewer makes: shared by make eval
(eval/run.py) and the door matrix (tests/cli/doors.py)."""


def wrap_ascii(text, width):
    """Cuts every line longer than width characters, never inside a run of
    ASCII letters or digits (a figure stays whole), dropping the spaces at
    the cut."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = width
            while cut > 0 and line[cut - 1].isascii() and line[cut].isascii() and \
                    not line[cut - 1].isspace() and not line[cut].isspace():
                cut -= 1
            if cut == 0:
                cut = width
            out.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        out.append(line)
    return "\n".join(out)


def wrap_prose(text, width):
    """Wraps lines of prose (no run of two spaces: not a table row) at width
    characters, the way text copied from a PDF viewer breaks."""
    out = []
    for line in text.split("\n"):
        if "  " in line.strip() or len(line) <= width:
            out.append(line)
            continue
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)
