"""Document templates are untrusted code: every render goes through the document sandbox (issue #14, hole 1).

Each payload is put into a real .docx (the shipped template with one more paragraph, or its core properties) and
must be refused on upload, and not run when a stored template holding it is rendered."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from sifa.core import documents as d
from sifa.core import template_sandbox


def docx_with(text: str = "", *, comments: str = "", kind: str = "plain") -> bytes:
    """The shipped template of `kind` with a paragraph `text` added (and `comments` in its core properties)."""
    tpl = d.default_template(kind)
    if text:
        d._para(tpl, text)
    if comments:
        tpl.core_properties.comments = comments
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def touch(path) -> str:
    return f"{{{{ cycler.__init__.__globals__.os.popen('touch {path}').read() }}}}"


def payloads(marker) -> list[str]:
    return [
        touch(marker),
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ title.__class__.__base__.__subclasses__() }}",
        "{{ self._TemplateReference__context }}",
        "{{ request }}",
        "{{ config }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ joiner.__init__.__globals__ }}",
        "{{ namespace.__init__.__globals__.__builtins__ }}",
        f"{{% set x = cycler.__init__.__globals__ %}}{{{{ x.os.popen('touch {marker}').read() }}}}",
        "{% set ns = namespace(a=title) %}{{ ns.a }}",
        "{% set t = title %}{{ t }}",
        "{{ title|attr('__class__') }}",
        "{{ (title|attr('__class__')).__mro__ }}",
        "{{ '{0.__class__}'.format(title) }}",
        "{{ '%s'|format(title) }}",
        "{{ title['__class__'] }}",
        "{{ title_lines|join(attribute='__class__') }}",
        "{{ 9 ** 99 }}",
        "{{ title * 1000 }}",
        "{{ cycler.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}",
        "{% macro m() %}{{ title }}{% endmacro %}{{ m() }}",
        "{% autoescape false %}{{ title }}{% endautoescape %}",
        "{% for line in title_lines %}{{ loop.cycle('a', 'b') }}{% endfor %}",
        "{{ title_lines.pop() }}",
    ]


PAYLOAD_IDS = ["cycler-popen", "mro-subclasses", "str-base-subclasses", "self-context", "request", "config",
               "lipsum", "joiner", "namespace-builtins", "set-globals", "set-namespace", "set", "attr-filter",
               "attr-filter-mro", "format-string", "format-filter", "getitem-dunder", "join-attribute", "pow",
               "repeat-string", "builtins-open", "macro", "autoescape-off", "loop-cycle", "mutate-list"]


@pytest.mark.parametrize("index", range(len(PAYLOAD_IDS)), ids=PAYLOAD_IDS)
def test_an_escape_payload_in_a_template_is_refused_on_upload_and_not_run(index, tmp_path):
    marker = tmp_path / "pwned"
    payload = payloads(marker)[index]
    with pytest.raises(d.TemplateError):
        d.check_template(docx_with(payload))
    assert not marker.exists()


def test_a_payload_in_the_documents_properties_is_refused_too(tmp_path):
    """docxtpl renders the core properties (author, comments, ...) as templates as well."""
    marker = tmp_path / "pwned"
    with pytest.raises(d.TemplateError):
        d.check_template(docx_with(comments=touch(marker)))
    assert not marker.exists()


def test_a_stored_template_with_a_payload_is_not_run_and_fails_with_a_clear_error(settings, tmp_path):
    """A template that reached the server another way (copied into the var dir, uploaded before the sandbox)
    is checked at every render."""
    settings.VAR_DIR = tmp_path
    marker = tmp_path / "pwned"
    path = d.override_path("plain")
    path.parent.mkdir(parents=True)
    path.write_bytes(docx_with(touch(marker)))
    with pytest.raises(d.TemplateError) as exc:
        d.render_docx(d.OfficialDocument(title="关于某事的通知"))
    assert not marker.exists()
    assert "plain.docx" in str(exc.value) and str(tmp_path) not in str(exc.value)


def test_an_upload_with_a_payload_is_refused_on_the_file_field_in_chinese(users, login, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    marker = tmp_path / "pwned"
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(users["leader"])
    resp = client.post(reverse("reports:templates"), {
        "kind": "red_header", "file": SimpleUploadedFile("t.docx", docx_with(touch(marker), kind="red_header"))})
    assert resp.status_code == 200
    error = " ".join(resp.context["form"].errors["file"])
    assert "cycler" in error and "不是公文字段" in error
    assert not marker.exists() and not d.override_path("red_header").exists()
    assert "做其他任何事的模板都会被拒绝" in client.get(reverse("reports:templates")).content.decode()


def test_a_document_with_a_refused_stored_template_is_a_clear_page_not_a_server_error(users, login, settings,
                                                                                   tmp_path):
    settings.VAR_DIR = tmp_path
    for kind in d.KINDS:
        path = d.override_path(kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(docx_with("{{ title.__class__ }}", kind=kind))
    resp = login(users["stats"]).get(reverse("reports:quarterly") + "?year=2022&quarter=3&fmt=docx")
    assert resp.status_code == 409
    assert "文书模板" in resp.content.decode() and "__class__" in resp.content.decode()


def test_the_fields_ifs_loops_and_allowed_filters_still_render():
    text = ("{% for line in title_lines %}{{ loop.index }}.{{ line|trim|upper }}{% if not loop.last %}/{% endif %}"
            "{% endfor %}|{{ number|default('无', true) }}|{{ title_lines|join('、') }}|{{ title|length }}")
    content = docx_with(text)
    d.check_template(content)
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(content))
    d._render(tpl, d.OfficialDocument(title="ab\ncd"))
    rendered = [p.text for p in tpl.docx.paragraphs]
    assert "1.AB/2.CD|无|ab、cd|4" in rendered


def test_the_sandbox_has_no_globals_and_only_the_listed_filters():
    env = template_sandbox.environment()
    assert env.globals == {}
    assert set(env.filters) == set(template_sandbox.FILTERS)
    assert env.autoescape is True
