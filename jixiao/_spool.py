"""Forms kept on disk while a huge document is read and reviewed form by form.

A dump of 10^4 forms holds ~50 KB of model per form: kept whole, the document alone takes
half a gigabyte. ``FormSpool`` is a ``Sequence[Form]`` that pickles each form to a temporary
file as it is built and loads it again when asked (a few recent ones cached), so a command
holds one form at a time. The cross-form passes need only a few fields of every form: those
are kept in memory as ``FormHead``s (``form_heads``).
"""

from __future__ import annotations

import pickle
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from jixiao.kinds import FormKind
from jixiao.model import Form, Source

__all__ = ["SPOOL_BYTES", "FormHead", "FormSpool", "form_heads"]

_CACHED = 32  # forms kept loaded: a check asks for the few target tables a form links to
# a text dump from this size on (~200 forms) is spooled when the caller allows it; below it the
# whole document costs less than the spool's writing and loading
SPOOL_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class FormHead:
    """What the document-wide passes read of a form (report linking, the drift check's unit
    index, which forms a read issue falls in): the same names as on ``Form``."""

    kind: FormKind
    title: str
    unit: str | None
    project: str | None
    year: int | None
    implementer: str | None
    supervisor: str | None
    source: Source | None
    printed_year: int | None  # ``years_printed`` of a form printing no year, else None

    @classmethod
    def of(cls, form: Form) -> FormHead:
        from jixiao.cycle.link import years_printed

        return cls(
            kind=form.kind,
            title=form.title,
            unit=form.unit,
            project=form.project,
            year=form.year,
            implementer=form.implementer,
            supervisor=form.supervisor,
            source=form.source,
            printed_year=years_printed(form) if form.year is None else None,
        )


class FormSpool(Sequence[Form]):
    """Forms in a temporary file, in document order; ``finish`` is applied to each as loaded
    (the document-wide corrections known only once every form was read)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="jixiao-forms-")  # noqa: SIM115 - the spool's lifetime
        self._places: list[tuple[int, int] | None] = []
        self._held: dict[int, Form] = {}
        self.heads: list[FormHead] = []
        self.finish: Callable[[Form], None] | None = None
        self._cache: OrderedDict[int, Form] = OrderedDict()
        self._closer = weakref.finalize(self, self._file.close)  # the file goes with the spool

    def append(self, form: Form, *, hold: bool = False) -> None:
        """Add a finished form; ``hold`` keeps it in memory until ``store`` (it is still changed)."""
        self.heads.append(FormHead.of(form))
        if hold:
            self._held[len(self._places)] = form
            self._places.append(None)
            return
        self._places.append(self._write(form))

    def store(self) -> None:
        """Write the held forms out: nothing changes them any more."""
        for index, form in self._held.items():
            self.heads[index] = FormHead.of(form)  # its indicators may have changed
            self._places[index] = self._write(form)
        self._held.clear()

    def _write(self, form: Form) -> tuple[int, int]:
        data = pickle.dumps(form, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(0, 2)
        at = self._file.tell()
        self._file.write(data)
        return at, len(data)

    def __len__(self) -> int:
        return len(self._places)

    @overload
    def __getitem__(self, index: int) -> Form: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Form]: ...
    def __getitem__(self, index: int | slice) -> Form | Sequence[Form]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        form = self._cache.get(index)
        if form is not None:
            self._cache.move_to_end(index)
            return form
        form = self._load(index)
        self._cache[index] = form
        if len(self._cache) > _CACHED:
            self._cache.popitem(last=False)
        return form

    def _load(self, index: int) -> Form:
        place = self._places[index]  # IndexError past the end, as a list
        if place is None:
            form = self._held[index]
        else:
            at, size = place
            self._file.seek(at)
            form = pickle.loads(self._file.read(size))
        if self.finish is not None:
            self.finish(form)
        return form

    def __iter__(self) -> Iterator[Form]:
        for index in range(len(self)):
            yield self[index]

    def close(self) -> None:
        self._closer()


def form_heads(forms: Sequence[Form]) -> Sequence[Form] | Sequence[FormHead]:
    """The forms as the document-wide passes read them: a spool's heads, else the forms."""
    return forms.heads if isinstance(forms, FormSpool) else forms
