using System.Diagnostics;

namespace Engagement.Cli.Commands;

/// <summary>A one-line progress display on a terminal while <c>engage serve --events</c> feeds a large file.</summary>
internal sealed class FeedProgress(long totalBytes)
{
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private bool _shown;

    /// <summary>Redraws the line with the share of the file fed and the counts so far, at most every 200 ms.</summary>
    public void Report(long bytes, long accepted, long duplicates)
    {
        if (_shown && _since.ElapsedMilliseconds < 200)
        {
            return;
        }

        _shown = true;
        _since.Restart();
        var percent = totalBytes == 0 ? 100 : Math.Min(100, bytes * 100 / totalBytes);
        Console.Error.Write($"\rfeeding {percent,3}%  {accepted:N0} accepted, {duplicates:N0} duplicates   ");
    }

    /// <summary>Clears the progress line.</summary>
    public void Done() => Console.Error.Write("\r" + new string(' ', 60) + "\r");
}
