using System.Text.RegularExpressions;
using VirtualMeet.Testing;

namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// People in front of the app, each in a browser context of their own, signed in the way a person does it: through
/// the sign-in page (<c>#/signin?event=&lt;id&gt;</c>).
/// </summary>
public static partial class SignedInPages
{
    /// <summary>
    /// Registers <paramref name="displayName"/> for the event with <paramref name="language"/> as UI and content
    /// language and returns the page once the lobby shows its agenda.
    /// </summary>
    public static Task<IPage> NewAttendeeAsync(
        IBrowser browser, VirtualMeetNode node, string eventId, string displayName, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(node);
        return NewAttendeeAsync(browser, node.BaseAddress, eventId, displayName, language);
    }

    /// <summary>As the overload above, against any address that serves the app (nginx in front of nodes).</summary>
    public static async Task<IPage> NewAttendeeAsync(
        IBrowser browser, Uri baseAddress, string eventId, string displayName, string language = "en")
    {
        var page = await OpenSignInAsync(browser, baseAddress, eventId, language);
        var texts = UiTexts.For(language);
        await page.GetByLabel(texts.DisplayName, new PageGetByLabelOptions { Exact = true }).FillAsync(displayName);
        await page.GetByLabel(texts.ContentLanguage, new PageGetByLabelOptions { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Value = language });
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = texts.Register }).ClickAsync();
        // A retrying URL assertion, not a navigation wait: the hash route changes within the document and may do so
        // before a navigation waiter would be attached.
        await Assertions.Expect(page).ToHaveURLAsync(LobbyUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = texts.LobbyAgenda, Exact = true }))
            .ToBeVisibleAsync();
        return page;
    }

    /// <summary>Enters the event as organiser with the node's organiser key; returns the page on the organiser route.</summary>
    public static async Task<IPage> NewOrganizerAsync(IBrowser browser, VirtualMeetNode node, string eventId, string language = "en")
    {
        var page = await OpenSignInAsync(browser, node, eventId, language);
        var texts = UiTexts.For(language);
        await page.GetByLabel(texts.OrganizerKey, new PageGetByLabelOptions { Exact = true }).FillAsync(WebServerFixture.OrganizerKey);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = texts.EnterAsOrganizer }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(OrganizerUrl());
        return page;
    }

    /// <summary>A new person on the sign-in page with <paramref name="eventId"/> preselected.</summary>
    public static Task<IPage> OpenSignInAsync(IBrowser browser, VirtualMeetNode node, string eventId, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(node);
        return OpenSignInAsync(browser, node.BaseAddress, eventId, language);
    }

    /// <summary>A new person on the sign-in page of the app at <paramref name="baseAddress"/>.</summary>
    public static async Task<IPage> OpenSignInAsync(IBrowser browser, Uri baseAddress, string eventId, string language = "en")
    {
        var page = await BrowserContexts.NewPageAsync(browser, baseAddress, language);
        await page.GotoAsync($"/#/signin?event={Uri.EscapeDataString(eventId)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 }))
            .ToHaveTextAsync(UiTexts.For(language).SignInTitle);
        return page;
    }

    // Hash routes may carry a query (#/organizer?section=stage).
    [GeneratedRegex(@"#/lobby(\?.*)?$")]
    public static partial Regex LobbyUrl();

    [GeneratedRegex(@"#/organizer(\?.*)?$")]
    public static partial Regex OrganizerUrl();
}
