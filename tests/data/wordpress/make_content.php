<?php
// Fills the fixture WordPress through its own PHP API, as an administrator would in the editor.
// Usage: php make_content.php SITE_DIR ORIGINALS_DIR (called by make_export.sh).
$site = $argv[1];
$originals = $argv[2];
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

wp_set_current_user(1);
kses_remove_filters(); // an administrator may post any HTML (unfiltered_html): the import must cope
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
update_option('timezone_string', 'Europe/Brussels');
update_option('default_comments_page', 'oldest');
wp_update_user(['ID' => 1, 'display_name' => 'Harbour Desk', 'first_name' => 'Harbour', 'last_name' => 'Desk']);

$ana = wp_insert_user(['user_login' => 'aperez', 'user_pass' => 'fixture-pass-2', 'user_email' => 'ana.perez@harbour.example',
    'display_name' => 'Ana Pérez', 'first_name' => 'Ana', 'last_name' => 'Pérez', 'role' => 'author',
    'description' => 'Ana covers the port and its unions.']);
$tom = wp_insert_user(['user_login' => 'tberg', 'user_pass' => 'fixture-pass-3', 'user_email' => 'tom.berg@harbour.example',
    'display_name' => 'Tom Berg', 'first_name' => 'Tom', 'last_name' => 'Berg', 'role' => 'editor']);

$local = wp_insert_term('Local', 'category', ['slug' => 'local', 'description' => 'The town and the harbour.']);
$business = wp_insert_term('Business', 'category', ['slug' => 'business']);
$shipping = wp_insert_term('Shipping', 'category', ['slug' => 'shipping', 'parent' => $business['term_id']]);

function post(array $fields, array $categories = [], array $tags = []) {
    $fields += ['post_status' => 'publish', 'post_type' => 'post', 'comment_status' => 'open'];
    $id = wp_insert_post($fields, true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    if ($categories) wp_set_post_categories($id, $categories);
    if ($tags) wp_set_post_tags($id, $tags);
    return $id;
}

function upload($file, $post_id, $title, $caption, $alt) {
    $copy = wp_tempnam($file);
    copy($file, $copy);
    $id = media_handle_sideload(['name' => basename($file), 'tmp_name' => $copy], $post_id, $title,
        ['post_excerpt' => $caption]);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    if ($alt) update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return $id;
}

// 1. Classic post with a captioned featured image (credit in the caption) and 50 exported comments.
$strike = post(['post_title' => 'Dockworkers strike shuts the harbour', 'post_name' => 'dockworkers-strike-shuts-the-harbour',
    'post_author' => $ana, 'post_date' => '2024-03-12 09:30:00', 'post_date_gmt' => '2024-03-12 08:30:00',
    'post_excerpt' => 'No ship left the port on Tuesday as dockworkers walked out over pay.',
    'post_content' => "Dockworkers walked out at dawn on Tuesday, and no ship left the harbour all day.\n\n"
        . "The union said the strike would last <strong>at least three days</strong> unless the port authority "
        . "<a href=\"https://harbour.example/pay-offer\">improved its pay offer</a>.\n\n"
        . "<h2>What the union wants</h2>\n\n<ul>\n<li>A 6% rise</li>\n<li>Shorter night shifts</li>\n</ul>\n\n"
        . "<blockquote>We are not going back for less.<cite>Piet Vos, union steward</cite></blockquote>\n\n"
        . "The port authority declined to comment.<img src=\"x\" onerror=\"alert('xss')\">"],
    [$local['term_id'], $business['term_id']], ['strike', 'harbour', 'unions']);
$photo = upload("$originals/harbour-strike.jpg", $strike, 'Harbour strike',
    'Strikers gather at the north gate on Tuesday morning. (Photo: AFP)', 'Dockworkers holding banners at the harbour gate');
set_post_thumbnail($strike, $photo);
stick_post($strike);

$readers = [['Lena Fischer', 'lena@readers.example'], ['Omar Haddad', 'omar@readers.example'],
    ['Jo Smith', 'jo@readers.example'], ['Kai Nakamura', 'kai@readers.example'], ['Rosa Lima', 'rosa@readers.example']];
$approved_top = [];
$when = strtotime('2024-03-12 10:00:00');
// 53 made, 50 exported: WordPress's export leaves spam out (export_wp: comment_approved <> 'spam').
for ($n = 1; $n <= 53; $n++) {
    $reader = $readers[$n % count($readers)];
    $fields = ['comment_post_ID' => $strike, 'comment_author' => $reader[0], 'comment_author_email' => $reader[1],
        'comment_author_IP' => "203.0.113." . $n, 'comment_agent' => 'Mozilla/5.0',
        'comment_date' => date('Y-m-d H:i:s', $when + $n * 600), 'comment_date_gmt' => date('Y-m-d H:i:s', $when + $n * 600 - 3600),
        'comment_content' => "Comment number $n on the strike: the dockers deserve a fair deal.", 'comment_approved' => 1,
        'comment_type' => 'comment', 'comment_parent' => 0];
    if ($n % 7 === 0 && $approved_top) {  // a reply
        $fields['comment_parent'] = $approved_top[array_key_last($approved_top)];
        $fields['comment_content'] = "Reply number $n: I agree with you.";
    }
    if ($n % 14 === 0 && isset($last_reply)) {  // a reply to a reply
        $fields['comment_parent'] = $last_reply;
        $fields['comment_content'] = "Reply to a reply, number $n.";
    }
    if (in_array($n, [11, 23, 37, 41, 48])) $fields['comment_approved'] = 0;
    if (in_array($n, [13, 29, 44])) { $fields['comment_approved'] = 'spam';
        $fields['comment_content'] = "Cheap watches at https://spam.example/watches $n"; $fields['comment_author'] = 'Watch Deals'; }
    if ($n === 31) $fields['comment_approved'] = 'trash';
    if ($n === 17) $fields['comment_content'] = "Nice <b>point</b> <script>alert('comment')</script><a href=\"https://a.example\" onclick=\"steal()\">link</a>";
    if ($n === 25) { $fields['comment_type'] = 'pingback'; $fields['comment_author'] = 'Port Watch &raquo; Strike day one';
        $fields['comment_author_email'] = ''; $fields['comment_author_url'] = 'https://portwatch.example/2024/03/strike-day-one/';
        $fields['comment_content'] = '[&#8230;] the Harbour Gazette reports that no ship left [&#8230;]'; $fields['comment_parent'] = 0; }
    $id = wp_insert_comment($fields);
    if ($fields['comment_approved'] === 1 && $fields['comment_type'] === 'comment') {
        if ($fields['comment_parent']) $last_reply = $id; else $approved_top[] = $id;
    }
}

// 2. A block-editor post: headings, quote, pull quote, list, image, gallery, embed, a table, raw HTML.
$terminal = post(['post_title' => 'Port authority unveils a new container terminal', 'post_name' => 'new-container-terminal',
    'post_author' => $tom, 'post_date' => '2024-04-02 15:00:00', 'post_date_gmt' => '2024-04-02 13:00:00', 'post_content' => ''],
    [$shipping['term_id']], ['terminal', 'harbour']);
$crane = upload("$originals/crane-at-dawn.jpg", $terminal, 'Crane at dawn', 'The first crane arrives at the new quay.', 'A container crane against the dawn sky');
$gallery = [upload("$originals/gallery-boats.jpg", $terminal, 'Boats', 'Fishing boats at the old quay.', 'Fishing boats'),
    upload("$originals/gallery-nets.jpg", $terminal, 'Nets', 'Nets drying. Photo: Jan Maes', 'Nets on the quay'),
    upload("$originals/gallery-gulls.jpg", $terminal, 'Gulls', '', 'Gulls over the water')];
$url = fn($id) => wp_get_attachment_url($id);
$image = fn($id, $caption) => "<!-- wp:image {\"id\":$id,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
    . "<figure class=\"wp-block-image size-large\"><img src=\"{$url($id)}\" alt=\"\" class=\"wp-image-$id\"/>"
    . ($caption ? "<figcaption class=\"wp-element-caption\">$caption</figcaption>" : '') . "</figure>\n<!-- /wp:image -->";
$blocks = "<!-- wp:paragraph -->\n<p>The port authority showed off its <em>new container terminal</em> on Tuesday.</p>\n<!-- /wp:paragraph -->\n\n"
    . "<!-- wp:heading -->\n<h2>Bigger ships</h2>\n<!-- /wp:heading -->\n\n"
    . "<!-- wp:paragraph -->\n<p>The quay will take ships of up to 400 metres.</p>\n<!-- /wp:paragraph -->\n\n"
    . $image($crane, 'The first crane arrives at the new quay. (Photo: Marta Ruiz)') . "\n\n"
    . "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>This terminal doubles what the harbour can handle.</p>\n<!-- /wp:paragraph --><cite>Els Janssens, port director</cite></blockquote>\n<!-- /wp:quote -->\n\n"
    . "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Two new cranes</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>A rail link</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->\n\n"
    . "<!-- wp:pullquote -->\n<figure class=\"wp-block-pullquote\"><blockquote><p>We waited ten years for this.</p><cite>A crane driver</cite></blockquote></figure>\n<!-- /wp:pullquote -->\n\n"
    . "<!-- wp:heading {\"level\":3} -->\n<h3>Pictures from the quay</h3>\n<!-- /wp:heading -->\n\n"
    . "<!-- wp:gallery {\"linkTo\":\"none\"} -->\n<figure class=\"wp-block-gallery has-nested-images columns-default is-cropped\">"
    . implode("\n\n", array_map(fn($id) => $image($id, ''), $gallery)) . "</figure>\n<!-- /wp:gallery -->\n\n"
    . "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\",\"type\":\"video\",\"providerNameSlug\":\"youtube\",\"responsive\":true,\"className\":\"wp-embed-aspect-16-9 wp-has-aspect-ratio\"} -->\n"
    . "<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure>\n<!-- /wp:embed -->\n\n"
    . "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><tbody><tr><td>Quay length</td><td>1.2 km</td></tr><tr><td>Cranes</td><td>2</td></tr></tbody></table></figure>\n<!-- /wp:table -->\n\n"
    . "<!-- wp:html -->\n<div class=\"tide-widget\" onclick=\"track()\">High tide at 14:10<script>document.write('tracker')</script></div>\n<!-- /wp:html -->";
wp_update_post(['ID' => $terminal, 'post_content' => $blocks]);

// 3. A classic post with [caption] and [embed] shortcodes and a bare video link (WordPress's auto-embed).
$market = post(['post_title' => 'Fish market reopens after repairs', 'post_name' => 'fish-market-reopens', 'post_author' => $ana,
    'post_date' => '2024-02-05 07:15:00', 'post_date_gmt' => '2024-02-05 06:15:00', 'post_content' => ''],
    [$local['term_id']], ['market']);
$stalls = upload("$originals/market-stalls.jpg", $market, 'Market stalls', '', 'Stalls under the market roof');
wp_update_post(['ID' => $market, 'post_content' =>
    "The fish market opened its doors again on Monday after six months of repairs.\n\n"
    . "[caption id=\"attachment_$stalls\" align=\"aligncenter\" width=\"640\"]<img class=\"size-full wp-image-$stalls\" src=\"{$url($stalls)}\" alt=\"Stalls under the market roof\" width=\"640\" height=\"400\" /> Traders set up their stalls before dawn. Photo: Jean Martin[/caption]\n\n"
    . "Traders said business was <em>brisk</em>.\n\n[embed]https://vimeo.com/76979871[/embed]\n\n"
    . "https://www.youtube.com/watch?v=aqz-KE-bpKQ\n\nThe market is open from 6 to 13 every day except Sunday."]);

// 4-8. Statuses: draft, pending review, scheduled, private, password-protected.
post(['post_title' => 'Draft: harbour budget figures', 'post_status' => 'draft', 'post_author' => $tom,
    'post_content' => 'Figures to check before this runs.'], [$business['term_id']]);
post(['post_title' => 'Ferry timetable changes from May', 'post_status' => 'pending', 'post_author' => $ana,
    'post_content' => 'The ferry will run every forty minutes from May.'], [$local['term_id']]);
post(['post_title' => 'Harbour festival programme announced', 'post_name' => 'harbour-festival-programme', 'post_status' => 'future',
    'post_date' => '2031-06-01 08:00:00', 'post_date_gmt' => '2031-06-01 06:00:00', 'post_author' => $tom,
    'post_content' => 'The festival returns in June with tall ships and concerts.'], [$local['term_id']], ['festival']);
post(['post_title' => 'Internal: strike coverage rota', 'post_name' => 'strike-coverage-rota', 'post_status' => 'private',
    'post_author' => 1, 'post_date' => '2024-03-11 18:00:00', 'post_date_gmt' => '2024-03-11 17:00:00',
    'post_content' => 'Ana takes the morning, Tom the night shift.'], [$local['term_id']]);
post(['post_title' => 'Subscribers only: the port accounts', 'post_name' => 'the-port-accounts', 'post_password' => 'tide-2024',
    'post_author' => $tom, 'post_date' => '2024-03-20 12:00:00', 'post_date_gmt' => '2024-03-20 11:00:00',
    'post_content' => 'The port authority lost money for the third year running.'], [$business['term_id']], ['accounts']);

// A page: not an article, reported as skipped by the import.
post(['post_title' => 'About the Gazette', 'post_type' => 'page', 'post_content' => 'We cover the harbour since 1921.']);
echo "content made\n";
