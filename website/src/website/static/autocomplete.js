// Location suggestions under the search form's location box (ARIA 1.2 combobox with a listbox).
// The form works without this script: the server then resolves the typed text itself.
(function () {
  "use strict";

  var MIN_QUERY_LENGTH = 2;
  var DEBOUNCE_MILLISECONDS = 150;

  var input = document.getElementById("location");
  var list = document.getElementById("location-suggestions");
  var locationId = document.getElementById("location_id");
  var countryCode = document.getElementById("country_code");
  if (!input || !list || !locationId || !window.fetch) {
    return;
  }
  var form = input.form;
  var status = form.querySelector(".autocomplete-status");
  var suggestions = [];
  var activeIndex = -1;
  var timer = null;
  var pending = null;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    suggestions = [];
    activeIndex = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function setActive(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (option, position) {
      option.setAttribute("aria-selected", position === index ? "true" : "false");
    });
    activeIndex = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function pick(index) {
    var suggestion = suggestions[index];
    if (!suggestion) {
      return;
    }
    input.value = suggestion.label;
    locationId.value = suggestion.id;
    if (countryCode) {
      countryCode.value = suggestion.country_code || "";
    }
    close();
  }

  function render(items) {
    list.innerHTML = "";
    suggestions = items;
    items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = "location-option-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.label;
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the box until the pick is done
        pick(index);
      });
      list.appendChild(option);
    });
    var open = items.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    activeIndex = -1;
  }

  function showStatus(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function load(query) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch("/api/locations?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      signal: pending.signal,
    })
      .then(function (response) {
        var widgetStatus = response.headers.get("X-Widget-Status");
        showStatus(widgetStatus === "unavailable" ? form.dataset.autocompleteUnavailable : "");
        return response.ok ? response.json() : [];
      })
      .then(function (items) {
        if (input.value.trim() === query) {
          render(items);
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          showStatus(form.dataset.autocompleteUnavailable);
          close();
        }
      });
  }

  input.addEventListener("input", function () {
    // The typed text no longer names the picked suggestion.
    locationId.value = "";
    if (countryCode) {
      countryCode.value = "";
    }
    clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < MIN_QUERY_LENGTH) {
      close();
      return;
    }
    timer = setTimeout(function () {
      load(query);
    }, DEBOUNCE_MILLISECONDS);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) {
      return;
    }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((activeIndex + 1) % suggestions.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive(activeIndex <= 0 ? suggestions.length - 1 : activeIndex - 1);
    } else if (event.key === "Enter" && activeIndex >= 0) {
      event.preventDefault();
      pick(activeIndex);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });

  input.addEventListener("blur", close);
})();
