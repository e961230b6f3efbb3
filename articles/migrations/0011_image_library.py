"""The image library: one Image per picture, placed in bodies as figure nodes, chosen as covers.

Each figure (ArticleImage, a file per article) and each cover file becomes a library
image (the same stored file and renditions, nothing re-encoded); a body's ``[图N]``
markers become the figure markup the editor makes, and the figures no marker placed are
appended, as pages showed them. Revisions are converted the same way, so a restore
brings back the same figures.
"""

import articles.integrity.uploads
import django.db.models.deletion
import taggit.managers
from django.conf import settings
from django.db import migrations, models


def move_images_into_library(apps, schema_editor):
    from articles.images.figures import figure_html, image_ids
    from articles.images.markers import place_figures
    from articles.images.search import search_text_of
    from articles.integrity.sanitize import clean_body_html

    Article = apps.get_model("articles", "Article")
    ArticleImage = apps.get_model("articles", "ArticleImage")
    Image = apps.get_model("articles", "Image")
    Figure = apps.get_model("articles", "Figure")
    Revision = apps.get_model("articles", "Revision")
    library = {}  # stored file name -> Image

    def library_image(name, width, height, renditions, title, alt_text="", caption="", credit="", user=None):
        if name not in library:
            title = (title or name.rsplit("/", 1)[-1])[:200]
            library[name] = Image.objects.create(
                file=name,
                width=width,
                height=height,
                renditions=renditions or [],
                title=title,
                alt_text=alt_text,
                caption=caption,
                credit=credit,
                uploaded_by_id=user,
                search_text=search_text_of(title, alt_text, caption, credit),
            )
        return library[name]

    def figures_of(figure_rows, title, user):
        placed = []
        for row in figure_rows:
            image = library_image(
                row["image"], row["width"], row["height"], row["renditions"],
                row["caption"] or row["alt_text"] or title, row["alt_text"], row["caption"], row["credit"], user,
            )
            placed.append(figure_html(image, row["alt_text"], None))
        return placed

    fields = ["image", "width", "height", "renditions", "alt_text", "caption", "credit"]
    for article in Article.objects.order_by("pk").iterator():
        rows = ArticleImage.objects.filter(article_id=article.pk).order_by("sort_order", "pk").values(*fields)
        # Sanitised as a save would store it (the integrity scan compares the two).
        body = clean_body_html(place_figures(article.body, figures_of(rows, article.title, article.author_id)))
        cover = None
        if article.cover_image:
            cover = library_image(
                article.cover_image.name, article.cover_width, article.cover_height, article.cover_renditions,
                article.title, "", "", "", article.author_id,
            )
        Article.objects.filter(pk=article.pk).update(body=body, cover=cover)  # not save(): no new version
        Figure.objects.bulk_create(
            Figure(article_id=article.pk, image_id=image_id, number=number)
            for number, image_id in enumerate(image_ids(body), start=1)
        )

    for revision in Revision.objects.order_by("pk").iterator():
        data = revision.data
        if "figures" not in data:
            continue
        data["body"] = place_figures(data["body"], figures_of(data.pop("figures"), data["title"], None))
        name = data.pop("cover_image", "")
        renditions = data.pop("cover_renditions", [])
        width, height = data.pop("cover_width", None), data.pop("cover_height", None)
        data["cover"] = library_image(name, width, height, renditions, data["title"]).pk if name else None
        Revision.objects.filter(pk=revision.pk).update(data=data)


def sync_roles(apps, schema_editor):
    """Writers upload and describe library images; editors delete unused ones."""
    from articles.workflow.roles import sync_roles_in_migration

    sync_roles_in_migration(apps, strict=True)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_placements'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='slug',
            field=models.SlugField(allow_unicode=True, blank=True, help_text='Part of the address; made from the title (in pinyin) when left empty. Old addresses keep working when it changes.', max_length=200, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='category',
            name='slug',
            field=models.SlugField(allow_unicode=True, blank=True, help_text='Part of the address; made from the name (in pinyin) when left empty.', max_length=100, unique=True, verbose_name='slug'),
        ),
        migrations.CreateModel(
            name='FormerSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('category', 'category'), ('tag', 'tag')], max_length=10, verbose_name='kind')),
                ('slug', models.CharField(max_length=200, verbose_name='slug')),
                ('object_id', models.PositiveBigIntegerField()),
                ('changed_at', models.DateTimeField(auto_now=True, verbose_name='changed')),
            ],
            options={
                'verbose_name': 'former slug',
                'verbose_name_plural': 'former slugs',
                'constraints': [models.UniqueConstraint(fields=('kind', 'slug'), name='former_slug_unique')],
            },
        ),
        migrations.CreateModel(
            name='Image',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', articles.integrity.uploads.NewsImageField(height_field='height', upload_to='images/%Y/%m/', verbose_name='file', width_field='width')),
                ('width', models.PositiveIntegerField(editable=False, null=True)),
                ('height', models.PositiveIntegerField(editable=False, null=True)),
                ('file_size', models.PositiveBigIntegerField(editable=False, null=True)),
                ('renditions', models.JSONField(default=list, editable=False)),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('alt_text', models.CharField(blank=True, help_text='What the image shows, for readers who cannot see it. Required before an article using the image is published, unless it is decorative.', max_length=250, verbose_name='alt text')),
                ('decorative', models.BooleanField(default=False, help_text='Adds nothing a reader needs (an ornament): screen readers skip it, no alt text needed.', verbose_name='decorative')),
                ('caption', models.CharField(blank=True, max_length=500, verbose_name='caption')),
                ('credit', models.CharField(blank=True, max_length=100, verbose_name='credit')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                ('search_text', models.TextField(blank=True, default='', editable=False)),
                ('uploaded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'image',
                'verbose_name_plural': 'images',
                'ordering': ['-uploaded_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Figure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='number')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='figures', to='articles.article', verbose_name='article')),
                ('image', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='figures', to='articles.image', verbose_name='image')),
            ],
            options={
                'verbose_name': 'figure',
                'verbose_name_plural': 'figures',
                'ordering': ['number'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='cover',
            field=models.ForeignKey(blank=True, help_text='Shown on listings and share cards. Choose one from the image library or upload one.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='covers', to='articles.image', verbose_name='cover image'),
        ),
        migrations.CreateModel(
            name='TaggedImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='articles.image')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag')),
            ],
            options={
                'verbose_name': 'image tag',
                'verbose_name_plural': 'image tags',
            },
        ),
        migrations.AddField(
            model_name='image',
            name='tags',
            field=taggit.managers.TaggableManager(blank=True, help_text='A comma-separated list of tags.', through='articles.TaggedImage', to='taggit.Tag', verbose_name='tags'),
        ),
        migrations.AddConstraint(
            model_name='figure',
            constraint=models.UniqueConstraint(fields=('article', 'number'), name='figure_number_unique'),
        ),
        migrations.RunPython(move_images_into_library, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='article',
            name='cover_height',
        ),
        migrations.RemoveField(
            model_name='article',
            name='cover_image',
        ),
        migrations.RemoveField(
            model_name='article',
            name='cover_renditions',
        ),
        migrations.RemoveField(
            model_name='article',
            name='cover_width',
        ),
        migrations.RemoveField(
            model_name='revision',
            name='files',
        ),
        migrations.DeleteModel(
            name='ArticleImage',
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
