using Engagement.Cli.Commands;

namespace Engagement.Cli.Tests.Commands;

public sealed class PartitionPlanTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("engage-partition-plan-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("3", 3)]
    [InlineData("64", 64)]
    [InlineData("1024", 1024)]
    public void Choose_WholeNumberFromOneTo1024_IsThatNumber(string value, int expected) =>
        Assert.Equal(expected, PartitionPlan.Choose(value, new FileInfo(SampleProfiles)));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1025")]
    [InlineData("")]
    [InlineData(" 3")]
    [InlineData("+3")]
    [InlineData("3.0")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    public void Choose_NotANumberOfPartitions_IsAUsageErrorNamingTheOption(string value)
    {
        var error = Assert.Throws<UsageException>(() => PartitionPlan.Choose(value, null));

        Assert.StartsWith("--partitions: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 1024", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void Choose_AutoForThe300SampleProfiles_IsOne(string? value)
    {
        Assert.Equal(300, PartitionPlan.CountLines(new FileInfo(SampleProfiles)));
        Assert.Equal(1, PartitionPlan.Choose(value, new FileInfo(SampleProfiles)));
    }

    [Fact]
    public void Choose_AutoWithoutProfiles_IsOne() => Assert.Equal(1, PartitionPlan.Choose("auto", null));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(300, 1)]
    [InlineData(1_000, 1)]
    [InlineData(1_001, 2)]
    [InlineData(100_000, 100)]
    [InlineData(100_001, 101)]
    [InlineData(1_000_000, 1_000)]
    public void Choose_Auto_IsOnePartitionPer1000ProfileLines(int lines, int expected)
    {
        var file = Write("profiles.jsonl", new string('\n', lines));

        Assert.Equal(expected, PartitionPlan.Choose("auto", file));
    }

    [Fact]
    public void Choose_AutoForMoreThan1024Partitions_Is1024()
    {
        var file = Write("many.jsonl", new string('\n', (PartitionPlan.MostAuto * PartitionPlan.CustomersPerPartition) + 1));

        Assert.Equal(1_024, PartitionPlan.Choose("auto", file));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("a\n", 1)]
    [InlineData("a\nb", 2)]
    [InlineData("a\nb\n", 2)]
    [InlineData("\n", 1)]
    [InlineData("\n\n\n", 3)]
    [InlineData("a\r\nb\r\n", 2)]
    [InlineData("a\r\nb", 2)]
    [InlineData("客户\n🎉", 2)]
    public void CountLines_CountsALastLineWithoutANewlineToo(string text, long expected) =>
        Assert.Equal(expected, PartitionPlan.CountLines(Write("lines.jsonl", text)));

    [Theory]
    [InlineData((1 << 20) - 1, true)]
    [InlineData(1 << 20, true)]
    [InlineData(1 << 20, false)]
    [InlineData((1 << 20) + 1, false)]
    [InlineData((3 << 20) + 7, false)]
    public void CountLines_FileLargerThanItsBuffer_CountsEveryLine(int length, bool endsWithNewline)
    {
        // Lines of 10 bytes ("xxxxxxxxx\n"); the file is cut to length, and its last byte is a newline or not.
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = i % 10 == 9 ? (byte)'\n' : (byte)'x';
        }

        bytes[^1] = endsWithNewline ? (byte)'\n' : (byte)'x';
        var path = Path.Combine(_directory.FullName, "large.jsonl");
        File.WriteAllBytes(path, bytes);

        var expected = bytes.Count(b => b == '\n') + (endsWithNewline ? 0 : 1);
        Assert.Equal(expected, PartitionPlan.CountLines(new FileInfo(path)));
    }

    private static string SampleProfiles => Path.Combine(Engage.Root, "samples", "profiles.jsonl");

    private FileInfo Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return new FileInfo(path);
    }
}
