package dev.flexlex.locallex.definition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The OrderPizza export of the test resources, and copies of it changed for one test. */
final class ExportFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path ORDER_PIZZA = Path.of("src/test/resources/exports/OrderPizza");
    static final String LOCALE = "OrderPizza/BotLocales/en_US/";

    private ExportFiles() {
    }

    /** A copy of the OrderPizza export folder under {@code dir}. */
    static Path copy(Path dir) {
        Path target = dir.resolve("OrderPizza");
        try (Stream<Path> files = Files.walk(ORDER_PIZZA)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(ORDER_PIZZA.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Rewrites one file of an export copy. */
    static void edit(Path export, String file, UnaryOperator<String> change) {
        try {
            Path path = export.resolve(file);
            Files.writeString(path, change.apply(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes one JSON file of an export copy as a tree (and writes it back). */
    static void editJson(Path export, String file, Consumer<ObjectNode> change) {
        edit(export, file, json -> {
            try {
                ObjectNode tree = (ObjectNode) JSON.readTree(json);
                change.accept(tree);
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Rewrites every JSON file of an export copy. */
    static void editAll(Path export, UnaryOperator<String> change) {
        for (Path file : jsonFiles(export)) {
            edit(export, export.relativize(file).toString(), change);
        }
    }

    /** Zips {@code folder} as {@code zip}, entries under {@code prefix} ("" for the folder's content at the root). */
    static Path zip(Path folder, Path zip, String prefix) {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (Path file : jsonFiles(folder)) {
                zipped.putNextEntry(new ZipEntry(prefix + folder.relativize(file).toString().replace('\\', '/')));
                zipped.write(Files.readAllBytes(file));
                zipped.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }

    private static List<Path> jsonFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
