using System.Globalization;

namespace Engagement.Cli.Commands;

/// <summary>
/// How many partitions <c>engage simulate --partitions</c> means: a whole number from 1 to <see cref="Most"/>, or <c>auto</c>
/// (the default): one partition per <see cref="CustomersPerPartition"/> profile lines, counted in the file before the run, and
/// at most <see cref="MostAuto"/>, so the choice depends only on the input (never on the machine) and the same input gives
/// the same timeline everywhere.
/// </summary>
internal static class PartitionPlan
{
    /// <summary>Profiles per partition under <c>auto</c>: 100,000 customers ran 11% faster in partitions of 1,000 than of 2,000,
    /// with less memory; smaller ones gained little more (docs/benchmarks.md, "Customers in partitions" and "Entry rules without
    /// rebuilt states, local times without mapping objects, smaller partitions").</summary>
    public const int CustomersPerPartition = 1_000;

    /// <summary>The most partitions <c>auto</c> chooses (larger inputs get larger partitions): the split keeps two files open
    /// per partition and the merge one, within the descriptor limit .NET raises to the system's hard limit at start.</summary>
    public const int MostAuto = Most;

    /// <summary>The most partitions accepted (one file of each kind per partition is open while the input is split).</summary>
    public const int Most = 1_024;

    /// <summary>The partitions for <paramref name="value"/> (null or <c>auto</c>: from <paramref name="profiles"/>' line count; 1 without profiles).</summary>
    public static int Choose(string? value, FileInfo? profiles)
    {
        if (value is null || value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return profiles is null ? 1 : (int)Math.Clamp((CountLines(profiles) + CustomersPerPartition - 1) / CustomersPerPartition, 1, MostAuto);
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Most
            ? n
            : throw new UsageException($"--partitions: '{value}' is not a number of partitions: expected a whole number from 1 to {Most}, or auto");
    }

    /// <summary>Lines in the file (a last line without a newline counts), by scanning its bytes.</summary>
    public static long CountLines(FileInfo file)
    {
        using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0;
        var last = (byte)'\n';
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }

        return last == '\n' ? lines : lines + 1;
    }
}
