using Engagement.Engine.Simulation.Partitions;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.Simulation.Partitions;

public sealed class TimelineSpoolTests : IDisposable
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 8, 0);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("engage-spool-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Read_EntryWithEveryFieldSet_ComesBackEqual()
    {
        var entry = new TimelineEntry
        {
            At = At, Kind = TimelineKind.Sent, CustomerId = "c000001", Journey = "welcome", Version = 3, Step = "welcome-sms", Channel = "sms",
            Template = "welcome", Locale = "zh-CN", Variant = "b", Reason = "cap", Priority = "high", Detail = "2026-03-02T08:00:00Z",
            Holdout = false, EnrollmentId = "welcome:c000001:1",
        };

        Assert.Equal([entry], await RoundTripAsync(entry));
    }

    [Fact]
    public async Task Read_EntryWithOnlyTheRequiredFields_ComesBackWithEveryOtherFieldNull()
    {
        var entry = new TimelineEntry { At = At, Kind = TimelineKind.Rejected };

        var back = Assert.Single(await RoundTripAsync(entry));

        Assert.Equal(entry, back);
        Assert.Null(back.CustomerId);
        Assert.Null(back.Version);
        Assert.Null(back.Holdout);
        Assert.Null(back.EnrollmentId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [InlineData(null)]
    public async Task Read_Holdout_ComesBackAsWritten(bool? holdout)
    {
        var entry = new TimelineEntry { At = At, Kind = TimelineKind.Entered, CustomerId = "c", Journey = "j", Holdout = holdout };

        Assert.Equal(holdout, Assert.Single(await RoundTripAsync(entry)).Holdout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task Read_Version_ComesBackAsWritten(int? version)
    {
        var entry = new TimelineEntry { At = At, Kind = TimelineKind.Entered, CustomerId = "c", Journey = "j", Version = version, Step = "s" };

        var back = Assert.Single(await RoundTripAsync(entry));

        Assert.Equal(version, back.Version);
        Assert.Equal("s", back.Step); // the fields after it are read from the right place
    }

    [Theory]
    [InlineData("")]
    [InlineData("客户 ünïcödé 🎉")]
    [InlineData("quote \" backslash \\ newline \n tab \t nul \0 u2028 \u2028")]
    [InlineData("\uD83D\uDE00\uD83D\uDE00 surrogate pairs")]
    public async Task Read_UnicodeEscapesAndEmptyText_ComeBackUnchanged(string text)
    {
        var entry = new TimelineEntry
        {
            At = At, Kind = TimelineKind.Task, CustomerId = text, Journey = text, Step = text, Channel = text, Template = text, Locale = text,
            Variant = text, Reason = text, Priority = text, Detail = text, EnrollmentId = text,
        };

        Assert.Equal([entry], await RoundTripAsync(entry));
    }

    [Fact]
    public async Task Read_LongText_ComesBackUnchanged()
    {
        var entry = new TimelineEntry { At = At, Kind = TimelineKind.Failed, Reason = new string('x', 70_000) + "é", Detail = "after" };

        Assert.Equal([entry], await RoundTripAsync(entry));
    }

    [Fact]
    public async Task Read_EveryKind_ComesBackAsWritten()
    {
        var entries = Enum.GetValues<TimelineKind>().Select((k, i) => new TimelineEntry { At = At.PlusTicks(i), Kind = k, CustomerId = $"c{i}" }).ToArray();

        Assert.Equal(entries, await RoundTripAsync(entries));
    }

    [Theory]
    [InlineData(-62_135_596_800L)] // 0001-01-01
    [InlineData(0L)]
    [InlineData(253_402_300_799L)] // 9999-12-31T23:59:59Z
    public async Task Read_InstantsFarApart_ComeBackAsWritten(long unixSeconds)
    {
        var entry = new TimelineEntry { At = Instant.FromUnixTimeSeconds(unixSeconds).PlusTicks(1_234_567), Kind = TimelineKind.Passed };

        Assert.Equal([entry], await RoundTripAsync(entry));
    }

    [Fact]
    public async Task Read_InstantWithNanoseconds_ComesBackAsWritten()
    {
        // Event times are ISO-8601 with up to nine decimals, and the entries of an event carry its time.
        var entry = new TimelineEntry { At = At.PlusNanoseconds(123_456_789), Kind = TimelineKind.Entered, CustomerId = "c", Journey = "j" };

        Assert.Equal("2026-03-01T08:00:00.123456789Z", InstantText.Format(Assert.Single(await RoundTripAsync(entry)).At));
    }

    [Fact]
    public async Task Read_ManyEntries_GivesThemInRecordingOrderAndCountsThem()
    {
        var entries = Enumerable.Range(0, 5_000).Select(i => new TimelineEntry
        {
            At = At.PlusTicks(i / 3), Kind = (TimelineKind)(i % 5), CustomerId = $"c{i}", Version = i % 2 == 0 ? i : null, Holdout = (i % 3) switch { 0 => true, 1 => false, _ => null },
        }).ToArray();

        using var spool = await WriteAsync(entries);

        Assert.Equal(5_000, spool.Count);
        Assert.Equal(entries, spool.Entries());
        Assert.Equal(entries, spool.Entries()); // read again: opened anew
    }

    [Fact]
    public void Read_NoEntries_GivesNone()
    {
        using var spool = new TimelineSpool(Path.Combine(_directory.FullName, "empty.timeline"), formatted: false);
        spool.Dispose();

        Assert.Equal(0, spool.Count);
        Assert.Empty(spool.Entries());
    }

    [Fact]
    public async Task Read_NeedsSorting_GivesTimeOrderWithTiesInRecordingOrder()
    {
        TimelineEntry E(int minutes, string customer) => new() { At = At.Plus(Duration.FromMinutes(minutes)), Kind = TimelineKind.Sent, CustomerId = customer };
        TimelineEntry[] recorded = [E(5, "a"), E(1, "b"), E(5, "c"), E(3, "d"), E(1, "e"), E(5, "f"), E(0, "g")];

        using var spool = await WriteAsync(recorded);
        Assert.Equal(recorded, spool.Entries()); // not flagged: as recorded
        spool.NeedsSorting = true;

        Assert.Equal(["g", "b", "e", "d", "a", "c", "f"], spool.Entries().Select(e => e.CustomerId));
    }

    [Fact]
    public async Task Constructor_ExistingFile_IsReplaced()
    {
        var path = Path.Combine(_directory.FullName, "replaced.timeline");
        await File.WriteAllBytesAsync(path, new byte[1000]);
        var entry = new TimelineEntry { At = At, Kind = TimelineKind.Goal, CustomerId = "c" };

        using (var spool = new TimelineSpool(path, formatted: false))
        {
            await spool.RecordAsync(entry, CancellationToken.None);
        }

        Assert.True(new FileInfo(path).Length < 1000);
    }

    private async Task<TimelineSpool> WriteAsync(params TimelineEntry[] entries)
    {
        var spool = new TimelineSpool(Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}.timeline"), formatted: false);
        foreach (var entry in entries)
        {
            await spool.RecordAsync(entry, CancellationToken.None);
        }

        spool.Dispose();
        return spool;
    }

    private async Task<List<TimelineEntry>> RoundTripAsync(params TimelineEntry[] entries)
    {
        using var spool = await WriteAsync(entries);
        return spool.Entries().ToList();
    }
}
