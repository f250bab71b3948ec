"""What is reported: in four parts (figures, results, documents, jobs), over the models, the export contract
and the ``?committee=`` filter they share. May import conferences and accounts; conferences never imports it.
"""
