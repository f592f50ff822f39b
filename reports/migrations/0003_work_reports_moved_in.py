import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import reports.models


def _move_content_types(from_label, to_label, models):
    """Keep content types (and with them permissions, audit-log targets) when models change app."""

    def forward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        AuditLog = apps.get_model("core", "AuditLog")
        for model in models:
            old = ContentType.objects.filter(app_label=from_label, model=model).first()
            new = ContentType.objects.filter(app_label=to_label, model=model).first()
            if old is not None and new is not None and not AuditLog.objects.filter(target_type=new).exists():
                # a partial `migrate <app>` made the new type (with default permissions) before this ran:
                # drop that unused one so the old type, with its references, takes its place
                new.delete()
                new = None
            if new is None:
                ContentType.objects.filter(pk=getattr(old, "pk", None)).update(app_label=to_label)

    def backward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not ContentType.objects.filter(app_label=from_label, model=model).exists():
                ContentType.objects.filter(app_label=to_label, model=model).update(app_label=from_label)

    return migrations.RunPython(forward, backward)


class Migration(migrations.Migration):
    """The work reports (cycles, reports, rounds, attachments) move here from `secondment`; their tables
    keep their names (db_table), so no row moves (issue 13)."""

    dependencies = [
        ("core", "0003_reminder_webhooktarget_notification_delivery"),
        ("cadres", "0002_reference_data"),
        ("reports", "0002_documents_moved_out"),
        ("secondment", "0006_report_submitted_late"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ReportCycle',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=40, verbose_name='名称')),
                        ('period_months', models.PositiveIntegerField(choices=[(1, '每月'), (3, '每季度'), (6, '每半年')], verbose_name='周期（月）')),
                        ('recipient', models.CharField(choices=[('org_dept', '组织部门'), ('dispatching_unit', '派出单位'), ('dispatching_party', '派出单位党组织')], max_length=20, verbose_name='报送对象')),
                        ('due_days', models.PositiveIntegerField(default=5, verbose_name='期末后几日内报送')),
                        ('is_active', models.BooleanField(default=True, verbose_name='启用')),
                        ('jurisdiction', models.ForeignKey(blank=True, help_text='留空表示全部；否则只适用于接收单位在该单位之下的挂职。', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='report_cycles', to='cadres.unit', verbose_name='适用范围')),
                    ],
                    options={
                        'verbose_name': '汇报周期',
                        'verbose_name_plural': '汇报周期',
                        'db_table': 'secondment_reportcycle',
                        'ordering': ['period_months', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                        ('period_start', models.DateField(verbose_name='期间自')),
                        ('period_end', models.DateField(verbose_name='期间至')),
                        ('due_date', models.DateField(verbose_name='报送期限')),
                        ('status', models.CharField(choices=[('draft', '未提交'), ('submitted', '待审阅'), ('returned', '退回修改'), ('accepted', '已通过')], db_index=True, default='draft', max_length=16, verbose_name='状态')),
                        ('main_work', models.TextField(blank=True, verbose_name='主要工作')),
                        ('results', models.TextField(blank=True, verbose_name='取得成效')),
                        ('problems', models.TextField(blank=True, verbose_name='存在问题')),
                        ('next_plans', models.TextField(blank=True, verbose_name='下步打算')),
                        ('other', models.TextField(blank=True, verbose_name='其他')),
                        ('version', models.PositiveIntegerField(default=0, help_text='每次保存加一，用于发现并发修改。', verbose_name='版本')),
                        ('first_submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='首次提交时间')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='最近提交时间')),
                        ('submitted_late', models.BooleanField(blank=True, help_text='首次提交时是否已过报送期限（按北京时间的日期）。', null=True, verbose_name='逾期提交')),
                        ('out_of_term', models.BooleanField(default=False, help_text='挂职缩短后，已填写的该期汇报保留但不再要求。', verbose_name='已不在挂职期内')),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='reports.reportcycle', verbose_name='汇报周期')),
                        ('posting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='secondment.posting', verbose_name='挂职')),
                    ],
                    options={
                        'verbose_name': '工作汇报',
                        'verbose_name_plural': '工作汇报',
                        'db_table': 'secondment_workreport',
                        'ordering': ['due_date', 'cycle_id', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkReportAttachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                        ('file', models.FileField(upload_to=reports.models._attachment_path, verbose_name='附件')),
                        ('name', models.CharField(max_length=200, verbose_name='文件名')),
                        ('size', models.PositiveIntegerField(verbose_name='大小（字节）')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='reports.workreport', verbose_name='工作汇报')),
                    ],
                    options={
                        'verbose_name': '汇报附件',
                        'verbose_name_plural': '汇报附件',
                        'db_table': 'secondment_workreportattachment',
                    },
                ),
                migrations.CreateModel(
                    name='WorkReportRound',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(max_length=16, verbose_name='操作')),
                        ('comments', models.TextField(blank=True, verbose_name='意见')),
                        ('snapshot', models.JSONField(blank=True, default=dict, verbose_name='当时的内容')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='时间')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rounds', to='reports.workreport', verbose_name='工作汇报')),
                    ],
                    options={
                        'verbose_name': '汇报审阅记录',
                        'verbose_name_plural': '汇报审阅记录',
                        'db_table': 'secondment_workreportround',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='workreport',
                    constraint=models.UniqueConstraint(fields=('posting', 'cycle', 'period_start'), name='report_one_per_period'),
                ),
            ],
            database_operations=[],
        ),
        _move_content_types(
            "secondment", "reports", ["reportcycle", "workreport", "workreportround", "workreportattachment"]
        ),
    ]
