# أسلوب التحرير: «20 فبراير 2026، 14:05 CET»، بفاصلة عربية؛ وتاريخ المكان: «20 فبراير».
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i T"
MONTH_DAY_FORMAT = "j F"
