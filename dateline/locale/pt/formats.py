# Estilo da redação: "20 de fevereiro de 2026, 14:05 CET"; a data do lugar: "20 de fevereiro".
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i T"
MONTH_DAY_FORMAT = r"j \d\e F"
