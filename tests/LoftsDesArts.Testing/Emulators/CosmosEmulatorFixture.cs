using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LoftsDesArts.Testing.Support;
using Xunit;

namespace LoftsDesArts.Testing.Emulators;

/// <summary>
/// @vercel/cosmosdb-server (installed by <c>npm ci</c> in <c>tests/tools</c>) on a free loopback port, over
/// HTTPS with its self-signed certificate: one in-memory server per test class, its process tree killed on
/// dispose. What it can and cannot do is in notes/environment-probes.md §2: CRUD and ETags work; a read of
/// a missing item answers 500, queries ignore the partition key and fail on ORDER BY, batch and change feed
/// do not work.
/// </summary>
public sealed class CosmosEmulatorFixture : IAsyncLifetime, IDisposable
{
    /// <summary>A base64 key: the server accepts any, the SDK needs one to sign requests (it spells "cosmosdb-server accepts any key…").</summary>
    public const string Key = "Y29zbW9zZGItc2VydmVyIGFjY2VwdHMgYW55IGtleTogdGhpcyBvbmUgaXMgZm9yIHRlc3RzIG9ubHkuLi4uLg==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The server's endpoint, <c>https://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Where the fixture expects the server's command-line entry point.</summary>
    public static string CliPath => RepositoryPaths.Combine("tests", "tools", "node_modules", "@vercel", "cosmosdb-server", "lib", "cli.js");

    public async Task InitializeAsync()
    {
        if (!File.Exists(CliPath))
        {
            throw new InvalidOperationException(
                $"@vercel/cosmosdb-server is not installed: {CliPath} does not exist. Run `npm ci` in {RepositoryPaths.Combine("tests", "tools")} first (.ci/run does).");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Combine("tests", "tools"),
        };
        foreach (var argument in new[] { CliPath, "--host", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (line.Contains("Ready to accept", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"cosmosdb-server exited with {SafeExitCode()}:{Environment.NewLine}{Output}"));
        if (!_process.Start())
        {
            throw new InvalidOperationException("node could not be started (is Node.js on the PATH?).");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException ex)
        {
            Stop();
            throw new InvalidOperationException($"cosmosdb-server did not report ready within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{Output}", ex);
        }

        Endpoint = new Uri($"https://127.0.0.1:{port}/");
    }

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    private string SafeExitCode()
    {
        try
        {
            return _process?.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
