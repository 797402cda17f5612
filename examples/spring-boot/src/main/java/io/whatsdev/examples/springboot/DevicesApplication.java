package io.whatsdev.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that watches the devices of two gateways. The starter configures both whatsdev components
 * from {@code application.properties}; {@link DeviceRoutes} is the only other code.
 */
@SpringBootApplication
public class DevicesApplication {

    public static void main(String[] args) {
        SpringApplication.run(DevicesApplication.class, args);
    }
}
