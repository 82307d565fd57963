using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace LoftsDesArts.Bench;

/// <summary>
/// A server process under measurement: <c>dotnet app.dll --urls http://127.0.0.1:port</c>, its console
/// captured, stopped with SIGTERM (a graceful shutdown, as a service manager does) and killed only if it
/// does not exit within 15 s. Shared by the benchmarks in bench/; not product code.
/// </summary>
internal sealed partial class BenchServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private BenchServer(Process process, int port, long startedAt)
    {
        _process = process;
        Port = port;
        StartedAt = startedAt;
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedAt { get; }

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static BenchServer Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var startedAt = Stopwatch.GetTimestamp();
        process.Start();
        var server = new BenchServer(process, port, startedAt);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Polls <paramref name="path"/> every <paramref name="interval"/> until it answers 200 and returns the
    /// time from process start to that answer. Throws if the process exits or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<TimeSpan> WaitFor200Async(HttpClient client, string path, TimeSpan interval, TimeSpan timeout)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before {path} answered 200:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Origin + path));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(StartedAt);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetElapsedTime(StartedAt) > timeout)
            {
                throw new TimeoutException($"{path} did not answer 200 within {timeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(interval);
        }
    }

    /// <summary>SIGTERM, then up to 15 s for a graceful exit, then SIGKILL.</summary>
    public void Stop()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = SendSignal(_process.Id, 15);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.WaitForExit(); // Drains the redirected output.
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}

/// <summary>Percentiles and the machine's state, for the tables the benchmarks print.</summary>
internal static class BenchStats
{
    /// <summary>Nearest-rank percentile of <paramref name="values"/> (0 &lt; p ≤ 100).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The 1, 5 and 15-minute load averages from /proc/loadavg.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Ms(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    public static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
