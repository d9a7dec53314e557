using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Polls;

/// <summary>
/// Signs an attendee in through the sign-in page like <see cref="SignedInPages.NewAttendeeAsync"/>, but waits for the
/// lobby with a retrying URL assertion: the route change is a same-document hash navigation, and waiting for a
/// navigation event can miss one that lands before the waiter is attached (seen as a "waiting for navigation until
/// Load" timeout with the lobby already on screen).
/// </summary>
internal static class AttendeeSignIn
{
    public static async Task<IPage> NewAsync(IBrowser browser, VirtualMeetNode node, string eventId, string displayName)
    {
        var page = await SignedInPages.OpenSignInAsync(browser, node, eventId);
        var texts = UiTexts.English;
        await page.GetByLabel(texts.DisplayName, new PageGetByLabelOptions { Exact = true }).FillAsync(displayName);
        await page.GetByLabel(texts.ContentLanguage, new PageGetByLabelOptions { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Value = "en" });
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = texts.Register }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SignedInPages.LobbyUrl());
        return page;
    }
}
