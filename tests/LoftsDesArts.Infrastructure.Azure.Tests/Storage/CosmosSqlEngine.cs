using System.Diagnostics;
using System.Text.Json.Nodes;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>
/// One <c>node tests/tools/cosmos-sql.js</c> process (cosmosdb-server's SQL engine) for a test class:
/// requests and answers are JSON lines; the process ends when the fixture is disposed.
/// </summary>
public sealed class CosmosSqlEngine : IDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Process _process;

    public CosmosSqlEngine()
    {
        var tools = RepositoryPaths.Combine("tests", "tools");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@zeit", "cosmosdb-query")))
        {
            throw new InvalidOperationException($"@zeit/cosmosdb-query is not installed: run `npm ci` in {tools} first (.ci/run does).");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(tools, "cosmos-sql.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
            WorkingDirectory = tools,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started (is Node.js on the PATH?).");
    }

    /// <summary>The documents' ids (<c>buildingId/id</c>), or the scalars of a <c>SELECT VALUE</c> query, or the engine's error.</summary>
    public sealed record Result(List<string>? Ids, List<JsonNode?>? Values, string? Error);

    /// <summary>Runs the cases (see cosmos-sql.js) and returns one result per case.</summary>
    public async Task<List<Result>> RunAsync(JsonObject[] cases)
    {
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(new JsonObject { ["cases"] = new JsonArray(cases) }.ToJsonString());
            await _process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(AnswerTimeout);
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"cosmos-sql.js ended (exit code {(_process.HasExited ? _process.ExitCode : -1)}).");
            return [.. JsonNode.Parse(line)!.AsArray().Select(r => new Result(
                r!["ids"]?.AsArray().Select(i => i!.GetValue<string>()).ToList(),
                r["values"]?.AsArray().Select(v => v?.DeepClone()).ToList(),
                r["error"]?.GetValue<string>()))];
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _gate.Dispose();
    }
}
