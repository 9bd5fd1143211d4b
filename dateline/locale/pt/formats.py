# Estilo da redação: "20 de Fevereiro de 2026, 14:05 CET" (nomes dos meses do catálogo do Django).
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i T"
MONTH_DAY_FORMAT = r"j \d\e F"
