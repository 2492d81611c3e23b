using Engagement.Local.Storage;
using Microsoft.Data.Sqlite;

namespace Engagement.Local.Tests.Storage;

public sealed class MigrationTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Open_NewFile_CreatesTheLatestSchemaInWalMode()
    {
        var database = SqliteDatabase.Open(_files.Db);

        using var connection = database.Connect();
        Assert.Equal(0, database.VersionFound);
        Assert.Equal(Migrations.Latest, Migrations.UserVersion(connection));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal("2", Scalar(connection, "PRAGMA synchronous"));
        Assert.Equal("5000", Scalar(connection, "PRAGMA busy_timeout"));
        Assert.Equal("0", Scalar(connection, "SELECT COUNT(*) FROM profile_imports"));
    }

    [Fact]
    public void Open_VersionOneFile_MigratesToTheLatestAndKeepsItsRows()
    {
        SqliteDatabase.Open(_files.Db, targetVersion: 1);
        using (var old = new SqliteConnection($"Data Source={_files.Db};Pooling=False"))
        {
            old.Open();
            Assert.Equal(1, Migrations.UserVersion(old));
            Execute(old, "INSERT INTO inbox (event_id, origin, customer_id, type, time, due_at, ord, status, accepted_at, json) VALUES ('e1', 'input', 'c1', 'x', 0, 0, 0, 'pending', 0, '{}')");
            Assert.Throws<SqliteException>(() => Execute(old, "SELECT error FROM inbox"));
        }

        var database = SqliteDatabase.Open(_files.Db);

        using var connection = database.Connect();
        Assert.Equal(1, database.VersionFound);
        Assert.Equal(Migrations.Latest, Migrations.UserVersion(connection));
        Assert.Equal("e1", Scalar(connection, "SELECT event_id FROM inbox WHERE error IS NULL"));
        Assert.Equal("0", Scalar(connection, "SELECT COUNT(*) FROM profile_imports"));
    }

    [Fact]
    public void Open_FileWrittenByANewerEngage_IsRefusedAndLeftAlone()
    {
        SqliteDatabase.Open(_files.Db);
        using (var newer = new SqliteConnection($"Data Source={_files.Db};Pooling=False"))
        {
            newer.Open();
            Execute(newer, $"PRAGMA user_version = {Migrations.Latest + 1}");
        }

        var error = Assert.Throws<InvalidOperationException>(() => SqliteDatabase.Open(_files.Db));

        Assert.Contains("newer than this engage understands", error.Message);
    }

    [Fact]
    public void OpenExisting_MissingFile_SaysSoAndCreatesNothing()
    {
        Assert.Throws<FileNotFoundException>(() => SqliteDatabase.OpenExisting(_files.Db));
        Assert.False(File.Exists(_files.Db));
    }

    private static string? Scalar(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
