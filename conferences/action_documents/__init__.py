"""Action programmes and implementation plans a unit writes after studying (chương trình hành động, kế hoạch
thực hiện): their pages, their save and the reading of uploaded .docx and .pdf files. Imports accounts."""
