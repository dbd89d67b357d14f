def _stub(request, *a, **k): pass
application_list = application_new = application_detail = application_action = document_download = _stub
attachment_download = meeting_list = meeting_new = meeting_detail = meeting_record = _stub
