using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>A real <c>engage serve</c> child process on 127.0.0.1 with a temp database and API key, stopped by its
/// process handle (SIGTERM, then kill after 15 s).</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The server's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Starts <c>dotnet DLL ARGS</c> in <paramref name="workingDirectory"/>, serving on <paramref name="address"/>
    /// (the arguments or a config file say so); output goes to <paramref name="log"/>.</summary>
    public static ServeProcess Start(string dll, IEnumerable<string> args, Uri address, string workingDirectory, string log)
    {
        var info = ChildProcess.For(dll, args);
        info.WorkingDirectory = workingDirectory;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start engage serve");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => { lock (writer) { writer.Dispose(); } };
        process.EnableRaisingEvents = true;
        return new ServeProcess(process, address);
    }

    /// <summary>True once the process has exited (e.g. it refused its arguments).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The server's peak resident set (VmHWM from /proc), or null where unavailable.</summary>
    public long? PeakResidentBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The server's user + system CPU time so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    /// <summary>Stops the server: SIGTERM (graceful), then kill after 15 s. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                _ = SendSignal(_process.Id, 15);
            }
            else
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
    }

    /// <summary>A free loopback address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public static Uri FreeAddress() => new($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}/");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
