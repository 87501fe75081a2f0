/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "lotline-settings.h"

/**
 * lotline_settings_dup:
 *
 * Returns: (transfer full) (nullable): the application's settings, or
 *   %NULL when the schema is not installed; Lotline then works without
 *   remembering anything
 */
GSettings *
lotline_settings_dup (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, LOTLINE_APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * lotline_settings_add_recent:
 * @settings: the application settings
 * @path: a database that was just opened
 *
 * Moves @path to the front of the recent-databases key, keeping at most
 * %LOTLINE_RECENT_MAX entries.
 */
void
lotline_settings_add_recent (GSettings  *settings,
                    const char *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (path != NULL);

  old = g_settings_get_strv (settings, "recent-databases");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < LOTLINE_RECENT_MAX; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  recent = g_strv_builder_end (builder);

  if (!g_strv_equal ((const char * const *) old, (const char * const *) recent))
    g_settings_set_strv (settings, "recent-databases", (const char * const *) recent);
}

/**
 * lotline_settings_dup_recent:
 * @settings: the application settings
 *
 * Returns: (transfer full): the recent databases that still exist
 */
char **
lotline_settings_dup_recent (GSettings *settings)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  recent = g_settings_get_strv (settings, "recent-databases");
  for (guint i = 0; recent[i] != NULL; i++)
    {
      if (g_path_is_absolute (recent[i]) && g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        g_strv_builder_add (builder, recent[i]);
    }
  return g_strv_builder_end (builder);
}
