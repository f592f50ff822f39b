"""Chinese names of this app's audit codes (core.labels)."""

from core.labels import action_labels_register

action_labels_register({"role.grant": "授予角色", "role.revoke": "撤销角色"})
