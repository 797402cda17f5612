package io.whatsdev.camel.dsl;

/**
 * The entry point of whatsdev's endpoint DSL: {@code whatsdev("whatspie/devices").token("...").operation("list")}, in any
 * {@code RouteBuilder} (with a static import of this class) or an {@code EndpointRouteBuilder}. The builders come from
 * the generated {@link WhatsDevEndpointBuilderFactory}; each option is a typed method with the option's documentation.
 */
public final class WhatsDevEndpoints {

    private WhatsDevEndpoints() {
    }

    /**
     * A whatsdev endpoint.
     *
     * @param path {@code gateway/resource}, e.g. {@code whatspie/devices}
     */
    public static WhatsDevEndpointBuilderFactory.WhatsDevEndpointBuilder whatsdev(String path) {
        return WhatsDevEndpointBuilderFactory.endpointBuilder("whatsdev", path);
    }

    /**
     * A whatsdev endpoint of a component registered under another name (one component instance per gateway, for
     * example {@code context.addComponent("whatspie", new WhatsDevComponent())}).
     *
     * @param componentName the name the component is registered under
     * @param path          {@code gateway/resource}, e.g. {@code whatspie/devices}
     */
    public static WhatsDevEndpointBuilderFactory.WhatsDevEndpointBuilder whatsdev(String componentName, String path) {
        return WhatsDevEndpointBuilderFactory.endpointBuilder(componentName, path);
    }
}
