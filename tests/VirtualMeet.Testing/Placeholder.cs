namespace VirtualMeet.Testing; public static class Placeholder { }
