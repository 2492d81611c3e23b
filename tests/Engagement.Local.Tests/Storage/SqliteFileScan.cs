using Microsoft.Data.Sqlite;

namespace Engagement.Local.Tests.Storage;

/// <summary>Reads a serve database directly (read-only), for tests that check what is in the file whatever the API shows.</summary>
internal static class SqliteFileScan
{
    /// <summary>Every "table.column" of every table (each column read as text, case-insensitively) holding <paramref name="text"/> in some row.</summary>
    public static List<string> TextColumnsContaining(string db, string text)
    {
        using var connection = new SqliteConnection("Data Source=" + db + ";Mode=ReadOnly");
        connection.Open();
        var found = new List<string>();
        foreach (var table in Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        {
            foreach (var column in Strings(connection, $"SELECT name FROM pragma_table_info('{table}')"))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower($t)) > 0";
                command.Parameters.AddWithValue("$t", text);
                if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    found.Add(table + "." + column);
                }
            }
        }

        return found;
    }

    /// <summary>Rows per table.</summary>
    public static Dictionary<string, long> RowCounts(string db)
    {
        using var connection = new SqliteConnection("Data Source=" + db + ";Mode=ReadOnly");
        connection.Open();
        return Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .ToDictionary(t => t, t => ScalarOn(connection, $"SELECT COUNT(*) FROM \"{t}\""));
    }

    /// <summary>One number from a query.</summary>
    public static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + db + ";Mode=ReadOnly");
        connection.Open();
        return ScalarOn(connection, sql);
    }

    /// <summary>The first column of every row of a query, as text.</summary>
    public static List<string> Strings(string db, string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + db + ";Mode=ReadOnly");
        connection.Open();
        return Strings(connection, sql);
    }

    private static long ScalarOn(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
