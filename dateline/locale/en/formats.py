# Newsroom style: full month names, a 24-hour clock and the time zone, so a reader anywhere knows
# when a story ran: "February 20, 2026, 14:05 CET". Datelines use MONTH_DAY_FORMAT: "February 20".
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, H:i T"
MONTH_DAY_FORMAT = "F j"
