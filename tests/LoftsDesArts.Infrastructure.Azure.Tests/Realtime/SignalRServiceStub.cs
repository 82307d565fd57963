using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Realtime;

/// <summary>One request as the stub received it: the raw request target is what went over the wire.</summary>
public sealed record StubRequest(string Method, string RawTarget, string Path, IReadOnlyDictionary<string, string> Query, string? Authorization, string? ContentType, string Body);

/// <summary>What the stub answers to one request.</summary>
public sealed record StubAnswer(int Status, string? JsonBody = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A stand-in for the SignalR Service data plane on 127.0.0.1 (a free port): Kestrel records every
/// request and answers as the service documents (generateToken 200 with a token, :send 202, group PUT
/// 200, DELETE 204, closeConnections 204) unless a test queues other answers.
/// </summary>
public sealed class SignalRServiceStub : IAsyncDisposable
{
    public const string ClientToken = "client-token-from-stub";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private readonly ConcurrentQueue<StubAnswer> _answers = new();

    private SignalRServiceStub(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<StubRequest> Requests => [.. _requests];

    public static async Task<SignalRServiceStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        SignalRServiceStub? stub = null;
        app.Run(context => stub!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub = new SignalRServiceStub(app, new Uri(address));
        return stub;
    }

    /// <summary>The next requests get these answers, in order, instead of the documented success.</summary>
    public void Answer(params StubAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new StubRequest(
            request.Method,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            request.Path.Value ?? "",
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            request.ContentType,
            body));

        var answer = _answers.TryDequeue(out var queued) ? queued : Documented(request);
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.JsonBody is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.JsonBody);
        }
    }

    private static StubAnswer Documented(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return (request.Method, path) switch
        {
            ("POST", _) when path.EndsWith("/:generateToken", StringComparison.Ordinal) => new StubAnswer(200, $$"""{"token":"{{ClientToken}}"}"""),
            ("POST", _) when path.EndsWith("/:send", StringComparison.Ordinal) => new StubAnswer(202),
            ("POST", _) when path.EndsWith("/:closeConnections", StringComparison.Ordinal) => new StubAnswer(204),
            ("PUT", _) => new StubAnswer(200),
            ("DELETE", _) => new StubAnswer(204),
            _ => new StubAnswer(404, """{"code":"NotFound","message":"No such operation in the stub."}"""),
        };
    }
}
