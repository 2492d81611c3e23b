using Engagement.Engine.Serialization;
using Engagement.Local.Storage;
using Microsoft.Data.Sqlite;

namespace Engagement.Local.Tests.Storage;

/// <summary>The session's native statements behave as Microsoft.Data.Sqlite's commands did, on a real SQLite file.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly SqliteSession _session;

    public SqliteStatementTests()
    {
        _session = new SqliteSession(SqliteDatabase.Open(_files.Db).Connect());
        _session.Execute("CREATE TABLE t (n INTEGER PRIMARY KEY, v)");
    }

    public void Dispose()
    {
        _session.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void Execute_SeveralStatements_ReturnsTheRowsEveryWritingStatementChanged()
    {
        var changed = _session.Execute("INSERT INTO t (n, v) VALUES (1, 'a'), (2, 'b'); UPDATE t SET v = 'c'; SELECT * FROM t;");

        Assert.Equal(4, changed);
        Assert.Equal(-1, _session.Execute("SELECT COUNT(*) FROM t"));
        Assert.Equal(0, _session.Execute("DELETE FROM t WHERE n = 99"));
    }

    [Fact]
    public void Execute_EmptyTextAndEmptyBytes_AreStoredAsEmptyValuesNotNull()
    {
        _session.Execute("INSERT INTO t (n, v) VALUES ($n, $v)", ("$n", 1L), ("$v", string.Empty));
        _session.Execute("INSERT INTO t (n, v) VALUES ($n, $v)", ("$n", 2L), ("$v", Array.Empty<byte>()));
        _session.Execute("INSERT INTO t (n, v) VALUES ($n, $v)", ("$n", 3L), ("$v", "é ✓ " + new string('x', 2000)));

        var rows = _session.Query("SELECT typeof(v), length(v) FROM t ORDER BY n", r => (r.GetString(0), r.GetInt64(1)));
        Assert.Equal([("text", 0L), ("blob", 0L), ("text", 2004L)], rows);
        Assert.Equal("é ✓ " + new string('x', 2000), _session.Scalar("SELECT v FROM t WHERE n = 3"));
    }

    [Fact]
    public void Execute_PooledText_IsStoredAsTextAndReleasedAfterBinding()
    {
        var text = "é ✓ " + new string('x', 3000);
        var pooled = PooledText.Copy(text);
        var empty = PooledText.Copy(string.Empty);

        _session.Execute("INSERT INTO t (n, v) VALUES ($n, $v)", ("$n", 1L), ("$v", pooled));
        _session.Execute("INSERT INTO t (n, v) VALUES ($n, $v)", ("$n", 2L), ("$v", empty));

        Assert.Equal(text, _session.Scalar("SELECT v FROM t WHERE n = 1"));
        Assert.Equal(("text", 0L), _session.Query("SELECT typeof(v), length(v) FROM t WHERE n = 2", r => (r.GetString(0), r.GetInt64(1))).Single());
        Assert.Throws<ObjectDisposedException>(() => pooled.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => empty.Span.Length);
    }

    [Fact]
    public void Execute_PooledTextOfAStatementThatFailsToBind_IsReleasedToo()
    {
        var pooled = PooledText.Copy("contact details");

        Assert.Throws<InvalidOperationException>(() => _session.Execute("INSERT INTO t (n, v) VALUES ($n, $v)", ("$v", pooled)));

        Assert.Throws<ObjectDisposedException>(() => pooled.Span.Length);
        Assert.Equal(0L, _session.Long("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Execute_PooledTextInSeveralStatements_BindsToEachBeforeItIsReleased()
    {
        _session.Execute("INSERT INTO t (n, v) VALUES (1, $v); INSERT INTO t (n, v) VALUES (2, $v || '!')", ("$v", PooledText.Copy("twice")));

        Assert.Equal(["twice", "twice!"], _session.Query("SELECT v FROM t ORDER BY n", r => r.GetString(0)));
    }

    [Fact]
    public void Scalar_ReturnsTheSqliteTypesAsMicrosoftDataSqliteDoes()
    {
        Assert.Equal(7L, _session.Scalar("SELECT 7"));
        Assert.Equal(2.5, _session.Scalar("SELECT 2.5"));
        Assert.Equal("x", _session.Scalar("SELECT 'x'"));
        Assert.Equal(new byte[] { 1, 2 }, _session.Scalar("SELECT x'0102'"));
        Assert.Null(_session.Scalar("SELECT NULL"));
        Assert.Null(_session.Scalar("SELECT v FROM t WHERE n = 1"));
        Assert.Equal(1L, _session.Scalar("SELECT $b", ("$b", true)));
    }

    [Fact]
    public void Execute_AParameterWithoutAValue_FailsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _session.Execute("INSERT INTO t (n, v) VALUES ($n, $v)", ("$n", 1L)));

        Assert.Contains("$v", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, _session.Long("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Execute_NamesWithoutPrefix_BindToTheirParameters()
    {
        _session.Execute("INSERT INTO t (n, v) VALUES ($n, @v)", ("n", 5L), ("v", "five"));

        Assert.Equal("five", _session.Scalar("SELECT v FROM t WHERE n = :n", ("n", 5L)));
    }

    [Fact]
    public void Execute_ConstraintViolation_ThrowsSqliteExceptionWithSqlitesCodeAndTheStatementRunsAgainAfterwards()
    {
        const string insert = "INSERT INTO t (n, v) VALUES ($n, $v)";
        _session.Execute(insert, ("$n", 1L), ("$v", "a"));

        var error = Assert.Throws<SqliteException>(() => _session.Execute(insert, ("$n", 1L), ("$v", "b")));

        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Contains("UNIQUE constraint failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _session.Execute(insert, ("$n", 2L), ("$v", "c")));
    }

    [Fact]
    public void Prepare_InvalidSql_ThrowsSqliteException()
    {
        var error = Assert.Throws<SqliteException>(() => _session.Execute("INSERT INTO missing VALUES (1)"));

        Assert.Contains("no such table: missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFirst_StopsAtTheFirstRow_AndTheSameQueryRunsAgainFromTheStart()
    {
        _session.Execute("INSERT INTO t (n, v) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        const string sql = "SELECT n FROM t WHERE n >= $from ORDER BY n";

        Assert.True(_session.TryFirst(sql, r => r.GetInt64(0), out var first, ("$from", 2L)));
        Assert.True(_session.TryFirst(sql, r => r.GetInt64(0), out var again, ("$from", 1L)));
        Assert.False(_session.TryFirst(sql, r => r.GetInt64(0), out _, ("$from", 9L)));

        Assert.Equal((2L, 1L), (first, again));
        Assert.Equal([1L, 2L, 3L], _session.Query(sql, r => r.GetInt64(0), ("$from", 0L)));
    }

    [Fact]
    public void Query_TheSameStatementInsideItsOwnMapCallback_IsRefusedAndTheStatementStaysUsable()
    {
        _session.Execute("INSERT INTO t (n, v) VALUES (1, 'a')");
        const string sql = "SELECT n FROM t";

        Assert.Throws<InvalidOperationException>(() => _session.Query(sql, r => _session.Query(sql, inner => inner.GetInt64(0))));
        Assert.Equal([1L], _session.Query(sql, r => r.GetInt64(0)));
    }

    [Fact]
    public void Row_GetStringOfNull_Throws_AndNumbersReadAsText()
    {
        _session.Execute("INSERT INTO t (n, v) VALUES (1, NULL), (2, 42)");

        Assert.Throws<InvalidOperationException>(() => _session.Query("SELECT v FROM t WHERE n = 1", r => r.GetString(0)));
        Assert.Equal(["42"], _session.Query("SELECT v FROM t WHERE n = 2", r => r.GetString(0)));
        Assert.Equal([true], _session.Query("SELECT v IS NULL FROM t WHERE n = 1", r => r.GetBoolean(0)));
    }

    [Fact]
    public void Transaction_RolledBack_UndoesTheStatementsRunInIt()
    {
        _session.Begin();
        _session.Execute("INSERT INTO t (n, v) VALUES (1, 'a')");
        _session.Rollback();

        Assert.Equal(0L, _session.Long("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Configure_BeforeTheFirstConnection_TurnsMemoryStatisticsOffOrReportsThatSqliteRefused()
    {
        SqliteLibrary.Configure();

        // 0: applied (SQLite then counts no memory); 21 (SQLITE_MISUSE): another component of this test process opened SQLite first.
        Assert.Contains(SqliteLibrary.MemoryStatisticsResult, new int?[] { 0, 21 });
        if (SqliteLibrary.MemoryStatisticsResult == 0)
        {
            Assert.Equal(0L, SQLitePCL.raw.sqlite3_memory_used());
        }
    }
}
