using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>
/// The built self-host (<c>functions/LoftsDesArts.SelfHost/bin/{configuration}/net10.0</c>, the same configuration as
/// this test assembly) run as a separate process on a free loopback port — for tests that must kill it, which an
/// in-process host cannot survive. Its console is captured; <see cref="Kill"/> is SIGKILL (<see cref="Process.Kill()"/>
/// on Linux): no shutdown hook runs, as when the machine loses power or the OOM killer strikes.
/// </summary>
public sealed class SelfHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private SelfHostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

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

    public static string DllPath { get; } = RepositoryPaths.Combine(
        "functions", "LoftsDesArts.SelfHost", "bin", RepositoryPaths.Configuration(Assembly.GetExecutingAssembly()), "net10.0", "LoftsDesArts.SelfHost.dll");

    /// <summary>Starts the self-host with <paramref name="args"/> and <paramref name="environment"/> (data folder, options), working in <paramref name="workingDirectory"/>.</summary>
    public static SelfHostProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        if (!File.Exists(DllPath))
        {
            throw new InvalidOperationException($"The self-host is not built ({DllPath} is missing): build functions/LoftsDesArts.SelfHost first.");
        }

        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(DllPath);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        process.Start();
        var server = new SelfHostProcess(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <c>/api/health/ready</c> until it answers 200 (store open, pump running).</summary>
    public async Task WaitUntilReadyAsync(HttpClient client, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The self-host exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Origin + "/api/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"The self-host was not ready within {timeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
