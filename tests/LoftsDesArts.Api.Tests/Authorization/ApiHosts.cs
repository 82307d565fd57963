extern alias functions;

using System.Reflection;
using System.Text;
using System.Text.Json;
using LoftsDesArts.Http;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// One request, described once and sent the same way to either host: method, path and query, the
/// session cookies, the CSRF header and Origin, the client address (X-Forwarded-For, trusted by the
/// test host so each caller has its own throttling budgets), Accept-Language, Content-Type and body.
/// </summary>
public sealed record ApiRequest(string Method, string Path)
{
    public const string Origin = "https://localhost";
    public const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36";

    public string Query { get; init; } = "";

    public string? Cookie { get; init; }

    public bool CsrfHeaders { get; init; } = true;

    public string? ClientAddress { get; init; }

    public string? AcceptLanguage { get; init; }

    public string? ContentType { get; init; }

    public byte[]? Body { get; init; }

    /// <summary>Send the body without Content-Length (chunked), as a client streaming an unknown length would.</summary>
    public bool Unsized { get; init; }

    public static ApiRequest Get(string path) => new(HttpMethods.Get, path);

    public static ApiRequest Post(string path) => new(HttpMethods.Post, path);

    public static ApiRequest Delete(string path) => new(HttpMethods.Delete, path);

    public static ApiRequest Json(string method, string path, object body) =>
        new(method, path) { ContentType = "application/json", Body = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options) };

    public static ApiRequest PostJson(string path, object body) => Json(HttpMethods.Post, path, body);

    public static ApiRequest PutJson(string path, object body) => Json(HttpMethods.Put, path, body);

    public ApiRequest WithRawBody(string? contentType, byte[] body) => this with { ContentType = contentType, Body = body };

    public override string ToString() => $"{Method} {Path}{Query}";
}

/// <summary>What came back: status, headers (joined per name) and the body as text.</summary>
public sealed record ApiResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Every header and the body, for the "no foreign id" search.</summary>
    public string AllText => string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}")) + "\n" + Body;

    /// <summary>The <c>name=value</c> pairs of Set-Cookie headers that set a value (not deletions).</summary>
    public static IReadOnlyDictionary<string, string> CookiesSet(IEnumerable<string> setCookieHeaders)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in setCookieHeaders)
        {
            var pair = header.Split(';')[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && equals < pair.Length - 1)
            {
                cookies[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
            }
        }

        return cookies;
    }

    public override string ToString() => $"{Status} {Body}";
}

/// <summary>A host of the API as the matrix drives it.</summary>
public interface IApiHost
{
    string Name { get; }

    /// <summary>Sends the request; <paramref name="setCookies"/> receives the raw Set-Cookie headers.</summary>
    Task<ApiResponse> SendAsync(ApiRequest request, List<string>? setCookies = null);
}

/// <summary>The self-host over HTTP, through Kestrel's in-memory test server: routing, endpoints and the pipeline.</summary>
public sealed class SelfHostApi : IApiHost, IDisposable
{
    private readonly HttpClient _client;

    public SelfHostApi(WebApplicationFactory<Program> factory)
    {
        // No cookie container: every request carries exactly the cookies its case names.
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(ApiRequest.Origin), HandleCookies = false, AllowAutoRedirect = false });
    }

    public string Name => "self-host";

    public async Task<ApiResponse> SendAsync(ApiRequest request, List<string>? setCookies = null)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Path + request.Query, UriKind.Relative));
        message.Headers.TryAddWithoutValidation("User-Agent", ApiRequest.UserAgent);
        if (request.Cookie is { Length: > 0 } cookie)
        {
            message.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        if (request.CsrfHeaders)
        {
            message.Headers.TryAddWithoutValidation(ApiSecurityOptions.CsrfHeader, "1");
            message.Headers.TryAddWithoutValidation("Origin", ApiRequest.Origin);
        }

        if (request.ClientAddress is { } address)
        {
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
        }

        if (request.AcceptLanguage is { } language)
        {
            message.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        if (request.Body is { } body)
        {
            message.Content = request.Unsized ? new StreamContent(new UnsizedStream(body)) : new ByteArrayContent(body);
            if (request.ContentType is { } contentType)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        using var response = await _client.SendAsync(message);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        if (setCookies is not null && response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            setCookies.AddRange(cookies);
        }

        return new ApiResponse((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>
/// The Functions app's own classes, called as the isolated worker calls them: for a request, the function
/// method whose <c>[Function]</c> name is the route's name is invoked on a new instance of its class, with a
/// <see cref="DefaultHttpContext"/> carrying the same method, path, query, headers and body, and the
/// returned <see cref="IResult"/> is executed into the response.
/// <para>
/// What this proves: each function is wired to the route of its name (the right route object, hence the
/// same access rules, body type and handler), and the Functions side goes through the same shared pipeline
/// (authenticate → CSRF → throttle → body cap → validate → authorize → handler → problem details) with no
/// help from ASP.NET Core middleware, routing or endpoint filters — the self-host's are not on this path.
/// </para>
/// <para>
/// What it does not prove: the Functions host's own trigger pipeline (the host process, the HTTP proxying
/// between host and worker, route-template matching by the host, functions.metadata being honoured). No
/// Functions host can run on this machine (DESIGN §6); the parity test checks functions.metadata against
/// the self-host's endpoints instead. The services (store, keys, clock) are the self-host's: the Cosmos
/// adapters the Functions app registers are covered by their own contract suites.
/// </para>
/// </summary>
public sealed class FunctionsApi : IApiHost
{
    private static readonly Dictionary<string, MethodInfo> FunctionsByName = DiscoverFunctions();

    private readonly IServiceProvider _services;
    private readonly ApiPipeline _pipeline;

    public FunctionsApi(IServiceProvider services, ApiPipeline? pipeline = null)
    {
        _services = services;
        _pipeline = pipeline ?? services.GetRequiredService<ApiPipeline>();
    }

    public string Name => "functions";

    /// <summary>Every HTTP-triggered function of the Functions assembly, by its <c>[Function]</c> name.</summary>
    public static IReadOnlyDictionary<string, MethodInfo> Functions => FunctionsByName;

    public async Task<ApiResponse> SendAsync(ApiRequest request, List<string>? setCookies = null)
    {
        var route = RouteFor(request);
        var function = FunctionsByName.TryGetValue(route.Name, out var method)
            ? method
            : throw new Xunit.Sdk.XunitException($"No function of the Functions app is named {route.Name}.");

        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var http = context.Request;
        http.Method = request.Method;
        http.Scheme = "https";
        http.Host = new HostString("localhost");
        http.Path = request.Path;
        http.QueryString = new QueryString(request.Query.Length > 0 ? request.Query : null);
        http.Headers.UserAgent = ApiRequest.UserAgent;
        if (request.Cookie is { Length: > 0 } cookie)
        {
            http.Headers.Cookie = cookie;
        }

        if (request.CsrfHeaders)
        {
            http.Headers[ApiSecurityOptions.CsrfHeader] = "1";
            http.Headers.Origin = ApiRequest.Origin;
        }

        if (request.ClientAddress is { } address)
        {
            http.Headers["X-Forwarded-For"] = address;
        }

        if (request.AcceptLanguage is { } language)
        {
            http.Headers.AcceptLanguage = language;
        }

        if (request.Body is { } body)
        {
            http.Body = new MemoryStream(body);
            http.ContentLength = request.Unsized ? null : body.Length;
            http.ContentType = request.ContentType;
        }

        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        // The ASP.NET Core integration of the isolated worker sets the accessor as the self-host's server
        // does; the self-host's negotiator reads the request's origin through it.
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = context;
        try
        {
            var instance = Activator.CreateInstance(function.DeclaringType!, _pipeline)!;
            var arguments = function.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest)
                ? (object)http
                : throw new Xunit.Sdk.XunitException($"{route.Name} takes a {p.ParameterType.Name}; the matrix only supplies the HttpRequest.")).ToArray();
            var result = await (Task<IResult>)function.Invoke(instance, arguments)!;
            await result.ExecuteAsync(context);
        }
        finally
        {
            accessor.HttpContext = null;
        }

        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (setCookies is not null && context.Response.Headers.TryGetValue("Set-Cookie", out var cookies))
        {
            setCookies.AddRange(cookies.OfType<string>());
        }

        return new ApiResponse(context.Response.StatusCode, headers, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    /// <summary>The route of the table this request is for (method and template), as the Functions host would pick it.</summary>
    public static ApiRoute RouteFor(ApiRequest request)
    {
        foreach (var route in ApiRouteTable.All)
        {
            if (!HttpMethods.Equals(route.Method, request.Method))
            {
                continue;
            }

            var template = Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse($"{ApiPipeline.RoutePrefix}/{route.Template}");
            var matcher = new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(template, []);
            if (matcher.TryMatch(request.Path, []))
            {
                return route;
            }
        }

        throw new Xunit.Sdk.XunitException($"No route of the table matches {request}.");
    }

    private static Dictionary<string, MethodInfo> DiscoverFunctions()
    {
        var assembly = typeof(functions::LoftsDesArts.Functions.Health.HealthFunctions).Assembly;
        var found = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var name = method.GetCustomAttribute<FunctionAttribute>()?.Name;
                var isHttp = method.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null);
                if (name is not null && isHttp)
                {
                    found.Add(name, method);
                }
            }
        }

        return found;
    }
}

/// <summary>A readable stream that does not tell its length, so HttpClient sends it chunked.</summary>
internal sealed class UnsizedStream(byte[] content) : Stream
{
    private readonly MemoryStream _inner = new(content);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _inner.Dispose();
        base.Dispose(disposing);
    }
}
