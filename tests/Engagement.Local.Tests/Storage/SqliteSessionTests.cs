using Engagement.Local.Storage;

namespace Engagement.Local.Tests.Storage;

/// <summary>The session's prepared commands, re-bound call after call on a real SQLite file.</summary>
public sealed class SqliteSessionTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Execute_SameStatementAgain_BindsEachCallsValuesWhateverTheirType()
    {
        using var session = new SqliteSession(SqliteDatabase.Open(_files.Db).Connect());
        session.Execute("CREATE TABLE t (n INTEGER PRIMARY KEY, v)");
        const string insert = "INSERT INTO t (n, v) VALUES ($n, $v)";

        session.Execute(insert, ("$n", 1L), ("$v", "text"));
        session.Execute(insert, ("$n", 2L), ("$v", 42L));
        session.Execute(insert, ("$n", 3L), ("$v", null));
        session.Execute(insert, ("$n", 4L), ("$v", new byte[] { 1, 2 }));

        var rows = session.Query("SELECT n, typeof(v) FROM t ORDER BY n", r => (r.GetInt64(0), r.GetString(1)));
        Assert.Equal([(1L, "text"), (2L, "integer"), (3L, "null"), (4L, "blob")], rows);
    }

    [Fact]
    public void Scalar_SameStatementWithTheNamesInAnotherOrder_BindsEachValueToItsName()
    {
        using var session = new SqliteSession(SqliteDatabase.Open(_files.Db).Connect());
        const string sql = "SELECT $a * 10 + $b";

        Assert.Equal(12L, session.Long(sql, ("$a", 1L), ("$b", 2L)));
        Assert.Equal(54L, session.Long(sql, ("$b", 4L), ("$a", 5L)));
        Assert.Equal(78L, session.Long(sql, ("$a", 7L), ("$b", 8L)));
    }
}
