# Estilo de redacción: "20 de febrero de 2026, 14:05 CET"; la data usa MONTH_DAY_FORMAT: "20 de febrero".
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i T"
MONTH_DAY_FORMAT = r"j \d\e F"
