"""The WordPress import at newsroom scale, timed: one table.

    nice .venv/bin/python benchmarks/import_wordpress.py [--posts 10000 --comments 100000 --photos 2000] [--keep]

A quicker run: --posts 1000 --comments 10000 --photos 200 (a tenth of the size).

Writes a synthetic WXR 1.2 export (classic and block-editor posts with captions, embeds, featured
images, threaded comments and pingbacks) and small generated JPEGs as its uploads folder, migrates a
throwaway SQLite database in a temporary DATELINE_DATA_DIR (the default settings, as `dateline`
runs without DATABASE_URL), then runs `manage.py import_wordpress` in its own process twice: the
import, and a second run of the same file (which should change nothing). For each: wall time, the
process's CPU time (what compares runs on a shared machine), posts per second and its peak
resident memory. Targets: import under 5 minutes, under
300 MB. The site's own database and media are not touched; the folder is deleted unless --keep.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
SITE = "https://old.example"
CATEGORIES = ["news", "politics", "business", "sport", "culture", "science", "world", "local", "opinion", "tech"]
WORDS = (
    "harbour council minister strike budget port union river market ferry school station weather police "
    "court hospital festival election mayor vote plan report crowd bridge road train night morning"
).split()


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def meta_entry(key: str, value: str) -> str:
    return f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def draw_images(folder: Path, count: int) -> list[str]:
    """Small JPEGs in uploads/YYYY/MM/: their paths relative to the uploads folder."""
    paths = []
    for n in range(count):
        relative = f"2024/{n % 12 + 1:02d}/picture-{n}.jpg"
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", (320, 200), ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256))
        ImageDraw.Draw(image).rectangle((20, 20, 300, 180), outline=(255, 255, 255), width=4)
        image.save(path, "JPEG", quality=50)
        paths.append(relative)
    return paths


def post_body(rng: random.Random, n: int, image_ids: list[int], image_paths: dict[int, str]) -> str:
    image = rng.choice(image_ids)
    url = f"{SITE}/wp-content/uploads/{image_paths[image]}"
    if n % 2:  # classic editor
        return "\n\n".join(
            [
                sentence(rng, 30),
                f'[caption id="attachment_{image}" width="320"]<img class="wp-image-{image}" src="{url}" /> '
                f"{sentence(rng, 8)} (Photo: AFP)[/caption]",
                sentence(rng, 40) + " <strong>" + sentence(rng, 5) + "</strong>",
                "<h2>" + sentence(rng, 4) + "</h2>",
                sentence(rng, 35),
                "<blockquote>" + sentence(rng, 12) + "<cite>A witness</cite></blockquote>",
                sentence(rng, 30),
            ]
        )
    para = "<!-- wp:paragraph -->\n<p>{}</p>\n<!-- /wp:paragraph -->"
    return "\n\n".join(
        [
            para.format(sentence(rng, 30)),
            f'<!-- wp:image {{"id":{image}}} -->\n<figure class="wp-block-image"><img src="{url}" '
            f'class="wp-image-{image}"/><figcaption>{sentence(rng, 8)}</figcaption></figure>\n<!-- /wp:image -->',
            "<!-- wp:heading -->\n<h2>" + sentence(rng, 4) + "</h2>\n<!-- /wp:heading -->",
            para.format(sentence(rng, 40)),
            "<!-- wp:list -->\n<ul><li>"
            + sentence(rng, 6)
            + "</li><li>"
            + sentence(rng, 6)
            + "</li></ul>\n<!-- /wp:list -->",
            para.format(sentence(rng, 35)),
        ]
    )


def write_export(path: Path, *, posts: int, comments: int, image_paths: list[str]) -> None:
    rng = random.Random(13)
    image_ids = list(range(posts + 1, posts + 1 + len(image_paths)))
    by_id = dict(zip(image_ids, image_paths, strict=True))
    per_post, extra = divmod(comments, posts)
    comment_id = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Benchmark Gazette</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>"
            f"<wp:base_site_url>{SITE}</wp:base_site_url><wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for a in range(20):
            out.write(
                f"<wp:author><wp:author_id>{a + 1}</wp:author_id><wp:author_login>{cdata(f'writer{a}')}"
                f"</wp:author_login><wp:author_email>{cdata(f'writer{a}@old.example')}</wp:author_email>"
                f"<wp:author_display_name>{cdata(f'Writer Number {a}')}</wp:author_display_name></wp:author>\n"
            )
        for slug in CATEGORIES:
            out.write(
                f"<wp:category><wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
                f"<wp:cat_name>{cdata(slug.title())}</wp:cat_name></wp:category>\n"
            )
        for t in range(200):
            out.write(
                f"<wp:tag><wp:tag_slug>{cdata(f'topic-{t}')}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(f'topic {t}')}</wp:tag_name></wp:tag>\n"
            )
        for n in range(1, posts + 1):
            day = 1 + n % 28
            slug = f"story-number-{n}"
            category = CATEGORIES[n % len(CATEGORIES)]
            tags = "".join(
                f'<category domain="post_tag" nicename="topic-{t}">{cdata(f"topic {t}")}</category>'
                for t in rng.sample(range(200), 3)
            )
            meta = ""
            if n % 5 == 0:
                meta = meta_entry("_thumbnail_id", str(rng.choice(image_ids)))
            thread = []
            count = per_post + (1 if n <= extra else 0)
            first_in_post = comment_id + 1
            for c in range(count):
                comment_id += 1
                parent = rng.choice(range(first_in_post, comment_id)) if c and rng.random() < 0.3 else 0
                kind = "pingback" if c == 5 else "comment"
                approved = "0" if c % 13 == 7 else "1"
                thread.append(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>{cdata(f'Reader {c}')}</wp:comment_author>"
                    f"<wp:comment_author_email>{cdata(f'reader{comment_id % 5000}@mail.example')}"
                    "</wp:comment_author_email>"
                    f"<wp:comment_author_url>{cdata('https://blog.example/' if kind == 'pingback' else '')}"
                    "</wp:comment_author_url>"
                    f"<wp:comment_author_IP>{cdata(f'198.51.100.{comment_id % 250}')}</wp:comment_author_IP>"
                    f"<wp:comment_date_gmt>{cdata(f'2024-03-{day:02d} 12:{c % 60:02d}:00')}</wp:comment_date_gmt>"
                    f"<wp:comment_content>{cdata(sentence(rng, 20) + f' #{comment_id}')}</wp:comment_content>"
                    f"<wp:comment_approved>{cdata(approved)}</wp:comment_approved><wp:comment_type>{cdata(kind)}</wp:comment_type>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
                )
            out.write(
                f"<item><title>{cdata(sentence(rng, 7))}</title><link>{SITE}/2024/03/{day:02d}/{slug}/</link>"
                f'<dc:creator>{cdata(f"writer{n % 20}")}</dc:creator><guid isPermaLink="false">{SITE}/?p={n}</guid>'
                f"<content:encoded>{cdata(post_body(rng, n, image_ids, by_id))}</content:encoded>"
                f"<excerpt:encoded>{cdata(sentence(rng, 18))}</excerpt:encoded><wp:post_id>{n}</wp:post_id>"
                f"<wp:post_date>{cdata(f'2024-03-{day:02d} 13:00:00')}</wp:post_date>"
                f"<wp:post_date_gmt>{cdata(f'2024-03-{day:02d} 12:00:00')}</wp:post_date_gmt>"
                f"<wp:comment_status>{cdata('open')}</wp:comment_status><wp:post_name>{cdata(slug)}</wp:post_name>"
                f"<wp:status>{cdata('publish')}</wp:status><wp:post_type>{cdata('post')}</wp:post_type>"
                f"<wp:is_sticky>0</wp:is_sticky>"
                f'<category domain="category" nicename="{category}">{cdata(category.title())}</category>{tags}{meta}'
                + "".join(thread)
                + "</item>\n"
            )
        for image_id, relative in by_id.items():
            out.write(
                f'<item><title>{cdata(f"Picture {image_id}")}</title><guid isPermaLink="false">'
                f"{SITE}/wp-content/uploads/{escape(relative)}</guid><wp:post_id>{image_id}</wp:post_id>"
                f"<excerpt:encoded>{cdata(sentence(rng, 9) + ' (Photo: Reuters)')}</excerpt:encoded>"
                f"<wp:status>{cdata('inherit')}</wp:status><wp:post_type>{cdata('attachment')}</wp:post_type>"
                f"<wp:attachment_url>{cdata(f'{SITE}/wp-content/uploads/{relative}')}</wp:attachment_url>"
                + meta_entry("_wp_attached_file", relative)
                + meta_entry("_wp_attachment_image_alt", sentence(rng, 5))
                + "</item>\n"
            )
        out.write("</channel>\n</rss>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--images", "--photos", type=int, default=2_000, help="JPEGs in the uploads (--photos too)")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (its path is printed).")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dateline-wp-import-"))
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT")}
    env |= {"DATELINE_DATA_DIR": str(work / "data"), "DJANGO_SETTINGS_MODULE": "dateline.settings.dev", "DEBUG": "0"}
    try:
        started = time.monotonic()
        image_paths = draw_images(work / "uploads", args.images)
        export = work / "export.xml"
        write_export(export, posts=args.posts, comments=args.comments, image_paths=image_paths)
        print(
            f"export {export.stat().st_size / 1e6:.0f} MB and {args.images} JPEGs written "
            f"in {time.monotonic() - started:.0f} s"
        )
        subprocess.run([*MANAGE, "migrate", "--verbosity", "0"], env=env, cwd=ROOT, check=True)
        rows = []
        for label in ("import", "second run (unchanged)"):
            seconds, cpu, rss, post_row = measure(env, export, work / "uploads")
            rows.append((label, seconds, cpu, args.posts / seconds, rss, post_row))
        database = work / "data" / "dateline.sqlite3"
        print()
        print(f"{args.posts} posts, {args.comments} comments, {args.images} images; SQLite, default settings")
        print(f"load average at the end: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
        header = f"{'run':<24}{'wall s':>9}{'CPU s':>8}{'posts/s':>10}{'peak RSS MB':>13}"
        print(header + "  report (created updated unchanged skipped)")
        for label, seconds, cpu, rate, rss, post_row in rows:
            print(f"{label:<24}{seconds:>9.1f}{cpu:>8.1f}{rate:>10.1f}{rss:>13.0f}  {' '.join(post_row.split()[1:])}")
        print(f"database {database.stat().st_size / 1e6:.0f} MB; targets: import < 300 s, < 300 MB")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def measure(env: dict, export: Path, uploads: Path) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds (user and system) and peak resident MB of that process alone, the
    report's post row). On a shared machine the CPU seconds compare runs; the wall time depends on the load."""
    started = time.monotonic()
    process = subprocess.Popen(
        [*MANAGE, "import_wordpress", str(export), "--uploads", str(uploads), "--verbosity", "1"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    _pid, status, usage = os.wait4(process.pid, 0)  # this child's own resource use, not all children's
    seconds = time.monotonic() - started
    stdout = process.stdout.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"import_wordpress failed:\n{stdout[-3000:]}")
    post_row = next((line for line in stdout.splitlines() if line.startswith("post ")), "")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, post_row


if __name__ == "__main__":
    main()
