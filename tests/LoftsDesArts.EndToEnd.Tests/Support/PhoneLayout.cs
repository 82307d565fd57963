namespace LoftsDesArts.EndToEnd.Tests.Support;

/// <summary>
/// Mobile-first checks of a page state at a phone's width (DESIGN §9), beside axe: the page does not
/// scroll sideways, no control is cut off at the screen's edge or clipped by its container, and every
/// control that is not a link inside a sentence is at least 24 × 24 CSS px (WCAG 2.5.8; axe's own
/// target-size rule also passes a smaller target that has room around it, this check does not).
/// </summary>
public static class PhoneLayout
{
    /// <summary>Every control the person can reach, as a screen reader or a finger finds them.</summary>
    private const string FindProblems =
        """
        known => {
          const width = document.documentElement.clientWidth;
          const problems = [];
          const scrolled = document.documentElement.scrollWidth;
          const name = e => {
            const text = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent || e.value || '';
            return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.classList[0] ? '.' + e.classList[0] : ''} "${text.trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
          };
          if (scrolled > width) {
            // The elements that stick out, not their ancestors: the ones none of whose children stick out.
            const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 0.5 && e.checkVisibility());
            const culprits = out.filter(e => !out.some(o => o !== e && e.contains(o))).slice(0, 5).map(e => `${name(e)} (to ${Math.round(e.getBoundingClientRect().right)} px)`);
            problems.push(`the page scrolls sideways: ${scrolled} px of content in ${width} px; sticking out: ${culprits.join(', ')}`);
          }
          // A link in a run of text (a sentence) is exempt from the target size (WCAG 2.5.8, "inline").
          const inline = e => e.tagName === 'A' && [...e.parentElement.childNodes].some(n => n !== e && n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
          const controls = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=combobox], [tabindex]:not([tabindex="-1"])');
          for (const e of controls) {
            if (e.hasAttribute('data-tabster-dummy') || !e.checkVisibility({ visibilityProperty: true })) continue;
            const r = e.getBoundingClientRect();
            // Visually hidden on purpose (read by screen readers only), or shown only on focus above the page.
            if (r.width <= 1 || r.height <= 1 || r.bottom <= 0) continue;
            if (r.left < -0.5 || r.right > width + 0.5) {
              problems.push(`${name(e)} is cut off at the screen's edge (${Math.round(r.left)} to ${Math.round(r.right)} px of ${width})`);
            }
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
              const overflow = getComputedStyle(a).overflowX;
              if (overflow !== 'hidden' && overflow !== 'clip') continue;
              const c = a.getBoundingClientRect();
              if (r.left < c.left - 0.5 || r.right > c.right + 0.5) {
                problems.push(`${name(e)} is partly hidden by its container ${a.tagName.toLowerCase()}.${a.className.toString().split(' ')[0]} (${Math.round(r.left)} to ${Math.round(r.right)} px in ${Math.round(c.left)} to ${Math.round(c.right)})`);
                break;
              }
            }
            if (!inline(e) && (r.width < 23.5 || r.height < 23.5)) {
              const small = `${name(e)} is ${Math.round(r.width)} × ${Math.round(r.height)} px, under 24 px`;
              const label = (e.getAttribute('aria-label') || e.textContent || '').trim();
              problems.push(known.some(k => label.startsWith(k)) ? 'known: ' + small : small);
            }
          }
          return problems;
        }
        """;

    /// <summary>
    /// axe on the page as it is now (at the look's screen), then the checks above at a phone's width: a
    /// desktop page is narrowed to the phone's 390 px for them and put back after, so every state of a
    /// desktop journey is also looked at as a phone shows it.
    /// </summary>
    /// <param name="person">Whose page, as it is now.</param>
    /// <param name="state">What the page shows, for the failure message.</param>
    /// <param name="knownSmallTargets">
    /// Targets under 24 px that are known and reported but cannot be fixed here yet (the start of their
    /// accessible name, and a comment at the call saying why): written to the test's output, not failed.
    /// </param>
    public static async Task CheckAsync(this Person person, string state, params string[] knownSmallTargets)
    {
        await person.AxeAsync(state);
        await person.ExpectFitsPhoneAsync(state, knownSmallTargets);
    }

    /// <summary>Fails with every problem found at a phone's width (see <see cref="PhoneLayout"/>).</summary>
    public static async Task ExpectFitsPhoneAsync(this Person person, string state, params string[] knownSmallTargets)
    {
        ArgumentNullException.ThrowIfNull(person);
        var phone = new Look(person.Look.Language, Viewport.Phone, person.Look.Theme).Size;
        var resize = person.Look.Viewport != Viewport.Phone;
        if (resize)
        {
            await person.Page.SetViewportSizeAsync(phone.Width, phone.Height);
        }

        try
        {
            // Some components lay themselves out again once they see the new width (a message bar wraps
            // its text, from a ResizeObserver): wait until the page has settled without a problem, then
            // look once more and report what is wrong (all of it, if it never settled).
            try
            {
                await person.Page.WaitForFunctionAsync($"known => ({FindProblems})(known).every(p => p.startsWith('known: '))", knownSmallTargets, new() { Timeout = (float)EndToEndFixture.Patience.TotalMilliseconds });
            }
            catch (TimeoutException)
            {
            }

            var found = await person.Page.EvaluateAsync<string[]>(FindProblems, knownSmallTargets);
            foreach (var known in found.Where(p => p.StartsWith("known: ", StringComparison.Ordinal)))
            {
                person.Log?.Invoke($"known problem at a phone's width, {person.Who} ({person.Look}) — {state}: {known["known: ".Length..]}");
            }

            var problems = found.Where(p => !p.StartsWith("known: ", StringComparison.Ordinal)).ToArray();
            Assert.True(problems.Length == 0, $"At a phone's width ({phone.Width} px), {person.Who} ({person.Look}) on {person.Page.Url} — {state}:\n  " + string.Join("\n  ", problems));
        }
        finally
        {
            if (resize)
            {
                await person.Page.SetViewportSizeAsync(person.Look.Size.Width, person.Look.Size.Height);
            }
        }
    }
}
