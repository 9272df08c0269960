"""One transaction's records turned into a ParsedWork, with the spec's validation levels.

Severity follows the CWR validation level of each edit: TR (transaction rejected) is an error;
FR (field rejected, default used) and RR (record rejected) are warnings with the field set to its
default or the record dropped. EXC works (the society's copy of a conflicting work) bypass the
mandatory-field and transaction-level edits, as the spec allows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from registry.cwr import ids
from registry.cwr import records as R
from registry.cwr import values as V
from registry.cwr.model import (
    Ack,
    AckMessage,
    AltTitle,
    CrossRef,
    Issue,
    OriginalWork,
    OtherWriter,
    ParsedPublisher,
    ParsedRecording,
    ParsedWork,
    ParsedWriter,
    PublisherLink,
    Severity,
    Territory,
    WorkKind,
    WorkOrigin,
)

Fields = dict[str, str]
RIGHTS = ("pr", "mr", "sr")
RIGHT_NAMES = {"pr": "performing", "mr": "mechanical", "sr": "synchronisation"}


def pct(hundredths: int) -> str:
    return f"{hundredths // 100}.{hundredths % 100:02d}%"


class Issues:
    """The issue list of one transaction (or of the file)."""

    def __init__(self) -> None:
        self.items: list[Issue] = []

    def add(
        self, line: int, record_type: str, field_name: str | None, message: str, severity: Severity
    ) -> None:
        self.items.append(Issue(line, record_type, field_name, message, severity))

    def error(self, line: int, record_type: str, field_name: str | None, message: str) -> None:
        self.add(line, record_type, field_name, message, "error")

    def warn(self, line: int, record_type: str, field_name: str | None, message: str) -> None:
        self.add(line, record_type, field_name, message, "warning")


@dataclass(slots=True)
class _PublisherDraft:
    """An SPU/OPU until the transaction ends: ParsedPublisher's fields but its territories,
    which the SPT records after it add. Built once, at the end (this runs for every record)."""

    values: dict[str, Any]
    territories: list[Territory] = field(default_factory=list)

    @property
    def ip_id(self) -> str | None:
        return self.values["ip_id"]  # type: ignore[no-any-return]


@dataclass(slots=True)
class _WriterDraft:
    """An SWR/OWR until the transaction ends, gathering its SWT territories and PWR links."""

    values: dict[str, Any]
    territories: list[Territory] = field(default_factory=list)
    links: list[PublisherLink] = field(default_factory=list)

    @property
    def ip_id(self) -> str | None:
        return self.values["ip_id"]  # type: ignore[no-any-return]


class WorkBuilder:
    """Collects the detail records of one NWR/REV/ISW/EXC and validates them."""

    def __init__(self, kind: WorkKind, issues: Issues, *, lenient: bool = False) -> None:
        self.kind = kind
        self.issues = issues
        # EXC bypasses the mandatory and transaction-level edits: its TR errors become warnings.
        self.lenient = lenient or kind == "EXC"
        self.line = 0
        self.header: dict[str, Any] | None = None  # ParsedWork's own fields, from the header record
        self.publishers: list[_PublisherDraft] = []
        self.writers: list[_WriterDraft] = []
        self.alt_titles: list[AltTitle] = []
        self.performers: list[str] = []
        self.recordings: list[ParsedRecording] = []
        self.original_work: OriginalWork | None = None
        self.origins: list[WorkOrigin] = []
        self.cross_refs: list[CrossRef] = []
        self._context: str | None = None  # the record SPT/SWT/PWR attach to

    # -- issue helpers -------------------------------------------------------------------------

    def error(self, line: int, rt: str, name: str | None, message: str) -> None:
        self.issues.add(line, rt, name, message, "warning" if self.lenient else "error")

    def warn(self, line: int, rt: str, name: str | None, message: str) -> None:
        self.issues.warn(line, rt, name, message)

    def _share(self, line: int, rt: str, f: Fields, name: str, limit: int) -> int:
        text = f[name]
        if text.isdigit() and text.isascii():  # the common case, without a call
            value = int(text)
        else:
            try:
                value = V.share(text)
            except ValueError as exc:
                self.error(line, rt, name, str(exc))
                return 0
        if value > limit:
            self.error(line, rt, name, f"share {pct(value)} is above the {pct(limit)} allowed here")
        return value

    def _date(self, line: int, rt: str, f: Fields, name: str) -> date | None:
        try:
            return V.cwr_date(f[name])
        except ValueError as exc:
            self.warn(line, rt, name, f"{exc}; ignored")
            return None

    def _duration(self, line: int, rt: str, f: Fields, name: str) -> int | None:
        try:
            return V.duration(f[name])
        except ValueError as exc:
            self.warn(line, rt, name, f"{exc}; ignored")
            return None

    def _ipi_name(self, line: int, rt: str, f: Fields, name: str) -> str | None:
        raw = V.ipi_digits(f[name])
        if raw is None:
            return None
        normal = ids.ipi_name_or_none(raw)
        if normal is None:
            self.warn(line, rt, name, f"IPI name number {raw} fails its check digits; ignored")
        return normal

    def _ipi_base(self, line: int, rt: str, f: Fields, name: str) -> str | None:
        raw = f[name]
        if not raw:
            return None
        normal = ids.ipi_base_or_none(raw)
        if normal is None:
            self.warn(line, rt, name, f"IPI base number {raw} is not valid; ignored")
        return normal

    def _iswc(self, line: int, rt: str, f: Fields, name: str) -> str | None:
        raw = f[name]
        if not raw:
            return None
        normal = ids.iswc_or_none(raw)
        if normal is None:
            self.warn(line, rt, name, f"ISWC {raw} is not valid (format or check digit); ignored")
        return normal

    def _territory(self, line: int, rt: str, f: Fields, pr_limit: int) -> Territory | None:
        pr = self._share(line, rt, f, "pr_share", pr_limit)
        mr = self._share(line, rt, f, "mr_share", V.MAX_SHARE)
        sr = self._share(line, rt, f, "sr_share", V.MAX_SHARE)
        inclusion = f["inclusion"]
        if inclusion not in ("I", "E"):
            self.error(line, rt, "inclusion", f"inclusion/exclusion indicator {inclusion!r} must be I or E")
            return None
        tis = f["tis_code"]
        if not V.digits(tis):
            self.error(line, rt, "tis_code", f"TIS territory code {tis!r} must be numeric")
            return None
        if inclusion == "E" and (pr or mr or sr):
            self.warn(line, rt, None, "an excluded territory carries shares; read as zero")
            pr = mr = sr = 0
        change = f["shares_change"]
        if change not in ("", "Y", "N"):
            self.warn(line, rt, "shares_change", f"shares change {change!r} must be Y or N; read as N")
        sequence: int | None = None
        if f["sequence"]:
            try:
                sequence = V.number(f["sequence"])
            except ValueError as exc:
                self.warn(line, rt, "sequence", f"{exc}; ignored")
        else:
            self.warn(line, rt, "sequence", "sequence number missing")
        return Territory(int(tis), inclusion == "I", pr, mr, sr, change == "Y", sequence, line)

    # -- records -------------------------------------------------------------------------------

    def work_header(self, line: int, rt: str, f: Fields) -> None:
        self.line = line
        self._context = rt
        title = f["title"]
        if not title:
            self.error(line, rt, "title", "work title is blank")
        work_id = f["submitter_work_id"]
        if not work_id:
            self.error(line, rt, "submitter_work_id", "submitter work number is blank")
        category = f["distribution_category"]
        if category not in R.DISTRIBUTION_CATEGORIES:
            self.error(
                line,
                rt,
                "distribution_category",
                f"musical work distribution category {category!r} is not valid",
            )
        seconds = self._duration(line, rt, f, "duration")
        if category == "SER" and not seconds:
            self.error(line, rt, "duration", "a serious (SER) work needs a duration above zero")
        recorded = f["recorded"]
        if recorded not in ("Y", "N", "U"):
            self.warn(line, rt, "recorded", f"recorded indicator {recorded!r} must be Y, N or U; read as U")
            recorded = "U"
        version_type = f["version_type"]
        if version_type not in R.VERSION_TYPES:
            self.error(line, rt, "version_type", f"version type {version_type!r} must be ORI or MOD")
        if version_type == "MOD":
            for name in ("music_arrangement", "lyric_adaptation"):
                if not f[name]:
                    self.error(line, rt, name, f"a modified (MOD) work needs its {name.replace('_', ' ')}")
        self.header = {
            "submitter_work_id": work_id or None,
            "title": title or None,
            "iswc": self._iswc(line, rt, f, "iswc"),
            "language": f["language"] or None,
            "duration_seconds": seconds,
            "version_type": version_type or None,
            "distribution_category": category or None,
            "recorded": recorded,
            "text_music_relationship": f["text_music_relationship"] or None,
            "excerpt_type": f["excerpt_type"] or None,
            "composite_type": f["composite_type"] or None,
            "cwr_work_type": f["cwr_work_type"] or None,
            "copyright_date": self._date(line, rt, f, "copyright_date"),
            "opus_number": f["opus_number"] or None,
            "catalogue_number": f["catalogue_number"] or None,
            "priority": f["priority"] == "Y",
        }

    def publisher(self, line: int, rt: str, f: Fields) -> None:
        self._context = rt
        controlled = rt == "SPU"
        try:
            chain = V.number(f["chain"])
        except ValueError as exc:
            self.error(line, rt, "chain", f"publisher sequence number: {exc}")
            chain = 0
        if not f["chain"]:
            self.error(line, rt, "chain", "publisher sequence number is blank")
        unknown = f["unknown"] == "Y"
        if controlled and not f["ip_id"]:
            self.error(line, rt, "ip_id", "interested party number is blank")
        if not f["name"] and (controlled or not unknown):
            self.error(line, rt, "name", "publisher name is blank (and not marked unknown)")
        if controlled and f["unknown"]:
            self.warn(line, rt, "unknown", "publisher unknown indicator must be blank on SPU; ignored")
            unknown = False
        role = f["role"]
        if controlled and role not in R.PUBLISHER_TYPES:
            self.error(line, rt, "role", f"publisher type {role!r} is not valid")
        elif not controlled and role not in R.PUBLISHER_TYPES:
            if role:
                self.warn(line, rt, "role", f"publisher type {role!r} is not valid; read as E")
            role = "E"
        pr = self._share(line, rt, f, "pr_share", V.MAX_SHARE // 2)
        mr = self._share(line, rt, f, "mr_share", V.MAX_SHARE)
        sr = self._share(line, rt, f, "sr_share", V.MAX_SHARE)
        if role not in ("E", "AQ") and (pr or mr or sr):
            self.error(
                line, rt, None, f"only an original publisher or acquirer (E, AQ) owns shares, not {role}"
            )
        values = {
            "ip_id": f["ip_id"] or None,
            "name": f["name"] or None,
            "ipi_name": self._ipi_name(line, rt, f, "ipi_name"),
            "ipi_base": self._ipi_base(line, rt, f, "ipi_base"),
            "role": role or None,
            "controlled": controlled,
            "chain": chain,
            "pr_society": f["pr_society"] or None,
            "pr_share": pr,
            "mr_society": f["mr_society"] or None,
            "mr_share": mr,
            "sr_society": f["sr_society"] or None,
            "sr_share": sr,
            "unknown": unknown,
            "submitter_agreement": f["submitter_agreement"] or None,
            "society_agreement": f["society_agreement"] or None,
            "agreement_type": f["agreement_type"] or None,
            "line": line,
        }
        self.publishers.append(_PublisherDraft(values))

    def publisher_territory(self, line: int, rt: str, f: Fields) -> None:
        owner = self.publishers[-1] if self.publishers else None
        if self._context != "SPU" or owner is None:
            self.error(line, rt, None, "SPT must follow the SPU it gives territories for")
            return
        if (f["ip_id"] or None) != owner.ip_id:
            self.error(line, rt, "ip_id", f"SPT is for {f['ip_id']!r}, the SPU before it for {owner.ip_id!r}")
        territory = self._territory(line, rt, f, V.MAX_SHARE // 2)
        if territory is not None:
            owner.territories.append(territory)

    def writer(self, line: int, rt: str, f: Fields) -> None:
        self._context = rt
        controlled = rt == "SWR"
        unknown = f["unknown"] == "Y"
        if controlled and not f["ip_id"]:
            self.error(line, rt, "ip_id", "interested party number is blank")
        if not f["last_name"] and (controlled or not unknown):
            self.error(line, rt, "last_name", "writer last name is blank (and not marked unknown)")
        if controlled and f["unknown"]:
            self.warn(line, rt, "unknown", "writer unknown indicator must be blank on SWR; ignored")
            unknown = False
        designation = f["designation"]
        if controlled and not designation:
            self.error(line, rt, "designation", "writer designation is blank")
        elif designation and designation not in R.WRITER_DESIGNATIONS:
            self.error(line, rt, "designation", f"writer designation {designation!r} is not valid")
        values = {
            "ip_id": f["ip_id"] or None,
            "last_name": f["last_name"] or None,
            "first_name": f["first_name"] or None,
            "ipi_name": self._ipi_name(line, rt, f, "ipi_name"),
            "ipi_base": self._ipi_base(line, rt, f, "ipi_base"),
            "designation": designation or None,
            "controlled": controlled,
            "pr_society": f["pr_society"] or None,
            "pr_share": self._share(line, rt, f, "pr_share", V.MAX_SHARE),
            "mr_society": f["mr_society"] or None,
            "mr_share": self._share(line, rt, f, "mr_share", V.MAX_SHARE),
            "sr_society": f["sr_society"] or None,
            "sr_share": self._share(line, rt, f, "sr_share", V.MAX_SHARE),
            "unknown": unknown,
            "line": line,
        }
        self.writers.append(_WriterDraft(values))

    def writer_territory(self, line: int, rt: str, f: Fields) -> None:
        owner = self.writers[-1] if self.writers else None
        if self._context != "SWR" or owner is None:
            self.error(line, rt, None, "SWT must follow the SWR it gives territories for")
            return
        if (f["ip_id"] or None) != owner.ip_id:
            self.error(line, rt, "ip_id", f"SWT is for {f['ip_id']!r}, the SWR before it for {owner.ip_id!r}")
        territory = self._territory(line, rt, f, V.MAX_SHARE)
        if territory is not None:
            owner.territories.append(territory)

    def publisher_for_writer(self, line: int, rt: str, f: Fields) -> None:
        owner = self.writers[-1] if self.writers else None
        if self._context not in ("SWR", "OWR") or owner is None:
            self.error(line, rt, None, "PWR must follow the SWR/OWR it links to a publisher")
            return
        controlled = bool(owner.values["controlled"])
        if controlled and not f["publisher_ip_id"]:
            self.error(line, rt, "publisher_ip_id", "publisher interested party number is blank")
        writer_ip = f["writer_ip_id"]
        if writer_ip and writer_ip != owner.ip_id:
            self.error(
                line,
                rt,
                "writer_ip_id",
                f"PWR is for writer {writer_ip!r}, the writer before it is {owner.ip_id!r}",
            )
        chain: int | None = None
        if "chain" in f:  # CWR 2.2
            if not f["chain"]:
                self.warn(line, rt, "chain", "publisher sequence number (CWR 2.2) is missing")
            else:
                try:
                    chain = V.number(f["chain"])
                except ValueError as exc:
                    self.error(line, rt, "chain", f"publisher sequence number: {exc}")
        owner.links.append(
            PublisherLink(
                publisher_ip_id=f["publisher_ip_id"] or None,
                publisher_name=f["publisher_name"] or None,
                chain=chain,
                submitter_agreement=f["submitter_agreement"] or None,
                society_agreement=f["society_agreement"] or None,
                line=line,
            )
        )

    def alternate_title(self, line: int, rt: str, f: Fields) -> None:
        self._context = rt
        if not f["title"]:
            self.warn(line, rt, "title", "alternate title is blank; record ignored")
            return
        title_type = f["title_type"]
        if title_type not in R.TITLE_TYPES or title_type == "OT":
            self.warn(line, rt, "title_type", f"title type {title_type!r} is not valid here; read as AT")
            title_type = "AT"
        language = f["language"] or None
        if title_type in ("OL", "AL") and language is None:
            self.warn(line, rt, "language", f"a {title_type} title needs its language; record ignored")
            return
        self.alt_titles.append(AltTitle(f["title"], title_type, language))

    def performer(self, line: int, rt: str, f: Fields) -> None:
        self._context = rt
        if not f["last_name"]:
            self.warn(line, rt, "last_name", "performing artist name is blank; record ignored")
            return
        self._ipi_name(line, rt, f, "ipi_name")
        self._ipi_base(line, rt, f, "ipi_base")
        first = f["first_name"]
        self.performers.append(f"{first} {f['last_name']}" if first else f["last_name"])

    def recording(self, line: int, rt: str, f: Fields) -> None:
        self._context = rt
        isrc = ids.isrc_or_none(f["isrc"]) if f["isrc"] else None
        if f["isrc"] and isrc is None:
            self.warn(line, rt, "isrc", f"ISRC {f['isrc']} is not valid; ignored")
        ean = ids.ean_or_none(f["ean"]) if f["ean"] else None
        if f["ean"] and ean is None:
            self.warn(line, rt, "ean", f"EAN {f['ean']} is not a valid EAN-13; ignored")
        recording_format = f["recording_format"] or None
        if recording_format not in (None, "A", "V"):
            self.warn(
                line,
                rt,
                "recording_format",
                f"recording format {recording_format!r} must be A or V; read as A",
            )
            recording_format = "A"
        technique = f["recording_technique"] or None
        if technique not in (None, "A", "D", "U"):
            self.warn(
                line,
                rt,
                "recording_technique",
                f"recording technique {technique!r} must be A, D or U; read as U",
            )
            technique = "U"
        release_date = self._date(line, rt, f, "release_date")
        self.recordings.append(
            ParsedRecording(
                isrc=isrc,
                release_date=release_date,
                duration_seconds=self._duration(line, rt, f, "duration"),
                album_title=f["album_title"] or None,
                album_label=f["album_label"] or None,
                catalogue_number=f["catalogue_number"] or None,
                ean=ean,
                recording_format=recording_format,
                recording_technique=technique,
                media_type=f["media_type"] or None,
                recording_title=f.get("recording_title") or None,
                version_title=f.get("version_title") or None,
                display_artist=f.get("display_artist") or None,
                record_label=f.get("record_label") or None,
                isrc_validity=f.get("isrc_validity") or None,
                submitter_recording_id=f.get("submitter_recording_id") or None,
                line=line,
            )
        )

    def origin(self, line: int, rt: str, f: Fields) -> None:
        self._context = rt
        purpose = f["intended_purpose"]
        if not purpose:
            self.warn(line, rt, "intended_purpose", "intended purpose is blank; record ignored")
            return
        if not f["production_title"] and not f["library"]:
            self.warn(line, rt, None, "neither production title nor library given; record ignored")
            return

        def number_or_none(name: str) -> int | None:
            try:
                return V.number(f[name]) or None
            except ValueError as exc:
                self.warn(line, rt, name, f"{exc}; ignored")
                return None

        self.origins.append(
            WorkOrigin(
                intended_purpose=purpose,
                production_title=f["production_title"] or None,
                cd_identifier=f["cd_identifier"] or None,
                cut_number=number_or_none("cut_number"),
                library=f["library"] or None,
                bltvr=f["bltvr"] or None,
                production_number=f["production_number"] or None,
                episode_title=f["episode_title"] or None,
                episode_number=f["episode_number"] or None,
                year_of_production=number_or_none("year_of_production"),
                avi_society=f["avi_society"] if f["avi_society"].strip("0") else None,
                avi_number=f["avi_number"] or None,
                line=line,
            )
        )

    def version_of(self, line: int, rt: str, f: Fields) -> None:
        self._context = rt
        if self.original_work is not None:
            self.error(line, rt, None, "only one VER record is allowed per transaction")
            return
        if not f["title"]:
            self.warn(line, rt, "title", "original work title is blank; record ignored")
            return
        writers = tuple(
            OtherWriter(
                f[f"writer_{n}_last_name"],
                f[f"writer_{n}_first_name"] or None,
                self._ipi_name(line, rt, f, f"writer_{n}_ipi_name"),
                self._ipi_base(line, rt, f, f"writer_{n}_ipi_base"),
            )
            for n in (1, 2)
            if f[f"writer_{n}_last_name"]
        )
        self.original_work = OriginalWork(
            title=f["title"],
            iswc=self._iswc(line, rt, f, "iswc"),
            language=f["language"] or None,
            writers=writers,
            source=f["source"] or None,
            submitter_work_id=f["submitter_work_id"] or None,
            line=line,
        )

    def cross_reference(self, line: int, rt: str, f: Fields) -> None:
        self._context = rt
        missing = [
            name for name in ("organisation", "identifier", "identifier_type", "validity") if not f[name]
        ]
        if missing:
            self.warn(line, rt, missing[0], f"{missing[0].replace('_', ' ')} is blank; record ignored")
            return
        if f["identifier_type"] not in R.XRF_IDENTIFIER_TYPES:
            self.warn(
                line,
                rt,
                "identifier_type",
                f"identifier type {f['identifier_type']!r} is not W, R, P or V; record ignored",
            )
            return
        if f["validity"] not in ("Y", "N", "U"):
            self.warn(line, rt, "validity", f"validity {f['validity']!r} is not Y, N or U; record ignored")
            return
        self.cross_refs.append(
            CrossRef(f["organisation"], f["identifier"], f["identifier_type"], f["validity"], line)
        )

    def not_imported(self, rt: str) -> None:
        """A valid CWR record this parser does not import: it only moves the attachment point."""
        if rt not in ("NPN", "OPT", "NWN", "OWT"):  # these stay within their SPU/OPU/SWR/OWR
            self._context = rt

    # -- the whole transaction -----------------------------------------------------------------

    def finish(self) -> ParsedWork:
        if self.header is None:
            raise RuntimeError("finish() before the work header")
        publishers = tuple(
            ParsedPublisher(**d.values, territories=tuple(d.territories)) for d in self.publishers
        )
        writers = tuple(
            ParsedWriter(**d.values, territories=tuple(d.territories), publisher_links=tuple(d.links))
            for d in self.writers
        )
        if not self.lenient:
            self._check(publishers, writers)
        return ParsedWork(
            **self.header,
            alt_titles=tuple(self.alt_titles),
            writers=writers,
            publishers=publishers,
            performers=tuple(self.performers),
            recordings=tuple(self.recordings),
            original_work=self.original_work,
            origins=tuple(self.origins),
            cross_refs=tuple(self.cross_refs),
        )

    def _check(self, publishers: tuple[ParsedPublisher, ...], writers: tuple[ParsedWriter, ...]) -> None:
        """Transaction-level edits of the spec (section 4, NWR/REV 'Transaction Level Validation')."""
        line, rt = self.line, self.kind
        if not writers:
            self.error(line, rt, None, "no writer (SWR/OWR) in the transaction")
        elif not any(w.designation in R.AUTHOR_DESIGNATIONS for w in writers):
            self.error(line, rt, None, "no composer or author (writer designation C, A or CA)")
        arrangers = any(w.designation in R.ARRANGER_DESIGNATIONS for w in writers)
        version_type = self.header["version_type"] if self.header else None
        if version_type == "MOD" and not arrangers:
            self.error(
                line,
                rt,
                "version_type",
                "a modified (MOD) work needs an arranger, adaptor, sub-author or translator",
            )
        if version_type == "ORI" and arrangers:
            self.error(
                line,
                rt,
                "version_type",
                "an original (ORI) work cannot have an arranger, adaptor, sub-author or translator",
            )

        tolerance = V.SHARE_TOLERANCE
        owned_by_writers = _totals(writers)
        for right, by_writers, by_publishers in zip(
            RIGHTS, owned_by_writers, _totals(publishers), strict=True
        ):
            total = by_writers + by_publishers
            name = RIGHT_NAMES[right]
            if total and abs(total - V.MAX_SHARE) > tolerance:
                self.error(line, rt, None, f"{name} ownership shares total {pct(total)}: must be 100% or 0%")
            limit = V.MAX_SHARE // 2 if right == "pr" else V.MAX_SHARE
            if by_publishers > limit + tolerance:
                self.error(
                    line,
                    rt,
                    None,
                    f"publishers own {pct(by_publishers)} of the {name} right, above {pct(limit)}",
                )
            if right == "pr" and by_writers and by_writers < V.MAX_SHARE // 2 - tolerance:
                self.error(
                    line,
                    rt,
                    None,
                    f"writers own {pct(by_writers)} of the performing right: must be 0% or at least 50%",
                )
        self._check_chains(publishers)
        self._check_collection(publishers, writers)
        self._check_links(publishers, writers, owned_by_writers)

    def _check_chains(self, publishers: tuple[ParsedPublisher, ...]) -> None:
        chains: dict[int, list[ParsedPublisher]] = defaultdict(list)
        expected = 1
        for publisher in publishers:
            if publisher.chain not in chains:
                if publisher.chain != expected:
                    self.warn(
                        publisher.line,
                        "SPU" if publisher.controlled else "OPU",
                        "chain",
                        f"publisher chain {publisher.chain} should be numbered {expected}",
                    )
                expected = max(expected, publisher.chain) + 1
            chains[publisher.chain].append(publisher)
        for chain, members in chains.items():
            first = members[0]
            first_rt = "SPU" if first.controlled else "OPU"
            if first.controlled and first.role not in ("E", "PA"):
                self.error(
                    first.line,
                    first_rt,
                    "role",
                    f"chain {chain} starts with a {first.role} publisher, "
                    "not an original publisher (E) or income participant (PA)",
                )
            if first.controlled and any(not p.controlled for p in members):
                self.error(
                    first.line,
                    first_rt,
                    "chain",
                    f"chain {chain} of a controlled publisher (SPU) contains an OPU",
                )
            if sum(p.role == "E" for p in members) > 1:
                self.error(
                    first.line, first_rt, "chain", f"chain {chain} has more than one original publisher (E)"
                )
            seen_original = False
            for p in members:
                if p.role == "AQ" and not seen_original:
                    self.error(
                        p.line, "SPU", "role", "an acquirer (AQ) must follow its original publisher (E)"
                    )
                seen_original = seen_original or p.role == "E"

    def _check_collection(
        self, publishers: tuple[ParsedPublisher, ...], writers: tuple[ParsedWriter, ...]
    ) -> None:
        """Collection shares for one territory cannot exceed 100% per right (same TIS code only:
        the parser has no territory hierarchy, so overlaps such as World + a country are not summed)."""
        totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        territories = [t for p in publishers for t in p.territories] + [
            t for w in writers for t in w.territories
        ]
        for t in territories:
            if t.included:
                total = totals[t.tis_code]
                total[0] += t.pr_share
                total[1] += t.mr_share
                total[2] += t.sr_share
        for tis, total in totals.items():
            for right, value in zip(RIGHTS, total, strict=True):
                if value > V.MAX_SHARE + V.SHARE_TOLERANCE:
                    self.error(
                        self.line,
                        self.kind,
                        None,
                        f"{RIGHT_NAMES[right]} collection shares in territory {tis} "
                        f"total {pct(value)}, above 100%",
                    )

    def _check_links(
        self,
        publishers: tuple[ParsedPublisher, ...],
        writers: tuple[ParsedWriter, ...],
        owned_by_writers: tuple[int, int, int],
    ) -> None:
        by_ip = {p.ip_id for p in publishers if p.ip_id}
        writers_own_all = all(total >= V.MAX_SHARE - V.SHARE_TOLERANCE for total in owned_by_writers)
        for writer in writers:
            if writer.controlled and not writer.publisher_links and not writers_own_all:
                self.error(
                    writer.line,
                    "SWR",
                    None,
                    f"controlled writer {writer.ip_id} has no PWR linking a publisher",
                )
            for link in writer.publisher_links:
                if link.publisher_ip_id and link.publisher_ip_id not in by_ip:
                    self.error(
                        link.line,
                        "PWR",
                        "publisher_ip_id",
                        f"PWR names publisher {link.publisher_ip_id}, which no SPU/OPU of this work has",
                    )
                elif link.chain is not None and not any(
                    p.chain == link.chain and (link.publisher_ip_id in (None, p.ip_id)) for p in publishers
                ):
                    self.error(
                        link.line,
                        "PWR",
                        "chain",
                        f"PWR points to publisher chain {link.chain}, "
                        f"which does not hold publisher {link.publisher_ip_id}",
                    )


# The WorkBuilder method reading each imported detail record type.
HANDLERS: dict[str, Callable[[WorkBuilder, int, str, Fields], None]] = {
    "SPU": WorkBuilder.publisher,
    "OPU": WorkBuilder.publisher,
    "SPT": WorkBuilder.publisher_territory,
    "SWR": WorkBuilder.writer,
    "OWR": WorkBuilder.writer,
    "SWT": WorkBuilder.writer_territory,
    "PWR": WorkBuilder.publisher_for_writer,
    "ALT": WorkBuilder.alternate_title,
    "PER": WorkBuilder.performer,
    "REC": WorkBuilder.recording,
    "ORN": WorkBuilder.origin,
    "VER": WorkBuilder.version_of,
    "XRF": WorkBuilder.cross_reference,
}


def _totals(parties: tuple[ParsedWriter, ...] | tuple[ParsedPublisher, ...]) -> tuple[int, int, int]:
    """Ownership shares of `parties` summed per right (PR, MR, SR)."""
    pr = mr = sr = 0
    for party in parties:
        pr += party.pr_share
        mr += party.mr_share
        sr += party.sr_share
    return pr, mr, sr


def build_ack(line: int, f: Fields, messages: list[AckMessage], issues: Issues) -> Ack:
    """The ACK record of an acknowledgement transaction, with its MSG records."""
    try:
        created = V.timestamp(f["creation_date"], f["creation_time"])
    except ValueError as exc:
        issues.warn(line, "ACK", "creation_date", f"original file creation date/time: {exc}")
        created = None
    numbers: dict[str, int | None] = {}
    for name in ("original_group_id", "original_transaction_sequence"):
        try:
            numbers[name] = V.number(f[name])
        except ValueError as exc:
            issues.warn(line, "ACK", name, f"{exc}; ignored")
            numbers[name] = None
    try:
        processing = V.cwr_date(f["processing_date"])
    except ValueError as exc:
        issues.warn(line, "ACK", "processing_date", f"{exc}; ignored")
        processing = None
    status = f["status"]
    if status not in R.TRANSACTION_STATUSES:
        issues.error(line, "ACK", "status", f"transaction status {status!r} is not a CWR status")
    return Ack(
        original_created=created,
        original_group_id=numbers["original_group_id"],
        original_transaction_sequence=numbers["original_transaction_sequence"],
        original_transaction_type=f["original_transaction_type"],
        creation_title=f["creation_title"] or None,
        submitter_work_id=f["submitter_creation_id"] or None,
        society_work_id=f["recipient_creation_id"] or None,
        processing_date=processing,
        status=status,
        messages=tuple(messages),
        line=line,
    )


def build_message(line: int, f: Fields, issues: Issues) -> AckMessage:
    sequence: int | None
    try:
        sequence = V.number(f["original_record_sequence"])
    except ValueError as exc:
        issues.warn(line, "MSG", "original_record_sequence", f"{exc}; ignored")
        sequence = None
    if not f["text"]:
        issues.warn(line, "MSG", "text", "message text is blank")
    return AckMessage(
        message_type=f["message_type"],
        original_record_sequence=sequence,
        record_type=f["record_type"],
        level=f["level"],
        validation_number=f["validation_number"],
        text=f["text"],
        line=line,
    )


__all__ = ["HANDLERS", "Issues", "WorkBuilder", "build_ack", "build_message", "pct"]
