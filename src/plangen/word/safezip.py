"""Reading the parts of a Word file (a zip) with bounded work: no zip bomb takes the machine.

A .docx is a zip archive; a hostile one can hold thousands of members or inflate a few
kilobytes into gigabytes. Every reader of a Word file that may come from outside (check, import,
a user's template) opens it here: the number of members, each member's inflated size, the total
inflated size and the compression ratio are limited, and the sizes are counted while inflating
(the sizes an archive declares may lie). XML parts are parsed without DTDs, entities or network.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from plangen.i18n import _

MAX_MEMBERS = 5_000  # a Word file has a few dozen parts
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # inflated size of one part
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # inflated size of the parts read from one file
MAX_RATIO = 500  # inflated / compressed, parts over 1 MB (XML ~5–20, very repetitive ~250; a bomb ~1000)
CHUNK = 1024 * 1024

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                         remove_comments=False)


class UnsafeArchive(Exception):
    """The archive cannot be read within the limits, or is not a zip at all."""


@dataclass
class Limits:
    members: int = MAX_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO


class SafeZip:
    """A zip archive whose members are read within `Limits`."""

    def __init__(self, source: str | Path | IO[bytes], limits: Limits | None = None):
        self.limits = limits or Limits()
        try:
            self.zip = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UnsafeArchive(_("it is no zip archive: the file is cut short, or is no Word file")) from exc
        infos = self.zip.infolist()
        if len(infos) > self.limits.members:
            self.zip.close()
            raise UnsafeArchive(_("{n} parts (at most {most})").format(n=len(infos), most=self.limits.members))
        self.infos = {info.filename: info for info in infos}
        self.read_bytes = 0

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def names(self) -> list[str]:
        return list(self.infos)

    def read(self, name: str) -> bytes:
        """A member's bytes; KeyError when absent; UnsafeArchive beyond the limits."""
        info = self.infos[name]
        limit = min(self.limits.member_bytes, self.limits.total_bytes - self.read_bytes)
        if info.file_size > limit:
            raise UnsafeArchive(_("{name}: {n} bytes inflated (at most {most})").format(
                name=name, n=info.file_size, most=limit))
        if info.file_size > CHUNK and info.file_size > self.limits.ratio * max(info.compress_size, 1):
            raise UnsafeArchive(_("{name}: compressed {n} times").format(
                name=name, n=info.file_size // max(info.compress_size, 1)))
        out = bytearray()
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    out += chunk
                    if len(out) > limit:  # the declared size lied
                        raise UnsafeArchive(_("{name}: inflates beyond {most} bytes").format(name=name, most=limit))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise UnsafeArchive(_("{name}: damaged").format(name=name)) from exc
        self.read_bytes += len(out)
        return bytes(out)

    def maybe(self, name: str) -> bytes | None:
        return self.read(name) if name in self.infos else None


def parse_xml(data: bytes) -> etree._Element:
    """An XML part, parsed without DTDs or entities: XMLSyntaxError when broken, ValueError when it
    declares a DTD (a billion-laughs part)."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # anywhere: after a long comment too
        raise ValueError("a document type declaration (DTD), which Word parts never have")
    root = etree.fromstring(data, PARSER)
    if root.getroottree().docinfo.doctype:  # written another way (in another encoding)
        raise ValueError("a document type declaration (DTD), which Word parts never have")
    return root
