using System.Globalization;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>What else the machine was doing, for the reports (Linux only; "load average n/a" elsewhere).</summary>
internal static class MachineNotes
{
    /// <summary>The 1-, 5- and 15-minute load averages from <c>/proc/loadavg</c>.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Create(CultureInfo.InvariantCulture, $"load average {parts[0]} {parts[1]} {parts[2]}");
        }
        catch (IOException)
        {
            return "load average n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "load average n/a";
        }
    }
}
