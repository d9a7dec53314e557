using Microsoft.Extensions.DependencyInjection.Extensions;
using VirtualMeet.Server.Platform.Hosting;

namespace VirtualMeet.Server.Rooms.Chat;

/// <summary>Chat shared by the stage, breakouts and bars: limits and <see cref="ChatService"/>; the store comes from <c>AddStorage</c>.</summary>
internal static class ChatRegistration
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ChatOptions>(ChatOptions.Section);
        builder.Services.TryAddSingleton<ChatService>();
        return builder;
    }
}
