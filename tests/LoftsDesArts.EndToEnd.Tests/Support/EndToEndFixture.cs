using Microsoft.Playwright;

namespace LoftsDesArts.EndToEnd.Tests.Support;

/// <summary>
/// One self-host and one Chromium for every journey (each journey opens its own browser contexts).
/// Chromium is the system one, <c>/usr/bin/chromium</c> (<c>apt-get install chromium</c>): Playwright
/// drives it through its bundled driver and downloads nothing.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Guards against hangs only: every wait ends as soon as its condition holds.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private PortalServer? _server;

    public PortalServer Server => _server ?? throw new InvalidOperationException("Fixture not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Fixture not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is needed at {ChromiumPath} for the end-to-end tests: apt-get install -y chromium (.ci/run does it).");
        }

        _server = new PortalServer();
        await _server.FindFreeUnitsAsync();

        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // notes/environment-probes.md §6: no sandbox in the container, no GPU, nothing phoning home.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<Person> NewPersonAsync(Look look, string who)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            ViewportSize = look.Size,
            Locale = look.Tag,
            ColorScheme = look.Theme,
            // Fluent's transitions collapse under reduced motion, so a focus ring is drawn when focus lands
            // (the visible-focus check compares pixels) and axe never measures a colour mid-transition.
            ReducedMotion = ReducedMotion.Reduce,
            TimezoneId = "America/Toronto",
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return new Person(context, page, look, who);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _server?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "End to end";
}
