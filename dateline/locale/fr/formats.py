# Style de la rédaction : « 20 février 2026, 14:05 CET » ; la date du lieu : « 20 février ».
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i T"
MONTH_DAY_FORMAT = "j F"
